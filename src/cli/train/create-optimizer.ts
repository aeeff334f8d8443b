import type { Optimizer } from '../../core/optim/optimizer.js';
import { AdadeltaOptimizer } from '../../core/optim/optimizers/adadelta.js';
import { AdagradOptimizer } from '../../core/optim/optimizers/adagrad.js';
import { AdamOptimizer } from '../../core/optim/optimizers/adam.js';
import { FtrlOptimizer } from '../../core/optim/optimizers/ftrl.js';
import { GradientDescentOptimizer } from '../../core/optim/optimizers/gradient-descent.js';
import { MomentumOptimizer } from '../../core/optim/optimizers/momentum.js';
import { RMSPropOptimizer } from '../../core/optim/optimizers/rmsprop.js';
import type { LearningRate } from '../../core/optim/optimizer-args.js';
import { linearDecayToZero } from '../../gan/presets/build-preset.js';
import type { ResolvedTrainConfig } from '../config/resolve-train-config.js';
import type { OPTIMIZER_NAMES } from '../config/train-options.js';

/** The options of a run that decide its optimizers. */
export type OptimizerConfig = Pick<
  ResolvedTrainConfig,
  'optimizer' | 'lrG' | 'lrD' | 'beta1' | 'beta2' | 'lrDecayStart' | 'steps' | 'nCritic'
>;

/** Hyperparameters beyond the learning rate. */
interface OptimizerChoices {
  beta1: number;
  beta2: number;
}

// The momentum coefficient most recipes use; TensorFlow 1 has no default for it.
const MOMENTUM = 0.9;

type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

const TF_NAMES: Readonly<Record<OptimizerName, string>> = {
  rmsprop: 'RMSProp',
  adam: 'Adam',
  sgd: 'GradientDescent',
  momentum: 'Momentum',
  adagrad: 'Adagrad',
  adadelta: 'Adadelta',
  ftrl: 'Ftrl',
};

/**
 * The optimizers of the two networks, as a run's config names them, with TensorFlow 1's
 * defaults for everything the config does not set. As in a TF1 graph with two optimizers, the
 * critic's keeps TensorFlow's name (`Adam`) and the generator's is uniquified (`Adam_1`), so
 * their variables (slots `<var>/Adam_1/m`, Adam's `beta1_power`) never collide. With
 * `lrDecayStart` > 0 each rate decays linearly to zero over the end of the run, on its own
 * network's global step (the critic's last step is `steps · nCritic`).
 *
 * @param config - the optimizer, rates, betas and decay of the run.
 * @returns one new optimizer per network.
 */
export function createOptimizers(config: OptimizerConfig): {
  critic: Optimizer;
  generator: Optimizer;
} {
  const rate = (value: number, lastStep: number): LearningRate =>
    config.lrDecayStart > 0 ? linearDecayToZero(value, config.lrDecayStart, lastStep) : value;
  const kind = config.optimizer;
  return {
    critic: createOptimizer(
      kind,
      rate(config.lrD, config.steps * config.nCritic),
      config,
      TF_NAMES[kind],
    ),
    generator: createOptimizer(kind, rate(config.lrG, config.steps), config, `${TF_NAMES[kind]}_1`),
  };
}

function createOptimizer(
  kind: OptimizerName,
  learningRate: LearningRate,
  choices: OptimizerChoices,
  name: string,
): Optimizer {
  switch (kind) {
    case 'rmsprop':
      return new RMSPropOptimizer({ learningRate, name });
    case 'adam':
      return new AdamOptimizer({ learningRate, name, beta1: choices.beta1, beta2: choices.beta2 });
    case 'sgd':
      return new GradientDescentOptimizer({ learningRate, name });
    case 'momentum':
      return new MomentumOptimizer({ learningRate, name, momentum: MOMENTUM });
    case 'adagrad':
      return new AdagradOptimizer({ learningRate, name });
    case 'adadelta':
      return new AdadeltaOptimizer({ learningRate, name });
    case 'ftrl':
      return new FtrlOptimizer({ learningRate, name });
  }
}
