import type { Optimizer } from '../../core/optim/optimizer.js';
import type { LearningRate } from '../../core/optim/optimizer-args.js';
import { optimizerCatalog } from '../../core/optim/catalog.js';
import { optimizerPair, type OptimizerChoice } from '../../gan/optimizer-pair.js';
import { linearDecayToZero } from '../../gan/presets/build-preset.js';
import type { ResolvedTrainConfig } from '../config/resolve-train-config.js';

/** The options of a run that decide its optimizers. */
export type OptimizerConfig = Pick<
  ResolvedTrainConfig,
  'optimizer' | 'lrG' | 'lrD' | 'beta1' | 'beta2' | 'lrDecayStart' | 'steps' | 'nCritic'
>;

/**
 * The optimizers of the two networks, as a run's config names them, built by
 * {@link optimizerPair} (critic `Adam`, generator `Adam_1`) with TensorFlow 1's defaults for
 * everything the config does not set. With `lrDecayStart` > 0 each rate decays linearly to
 * zero over the end of the run, on its own network's global step (the critic's last step is
 * `steps · nCritic`).
 *
 * @param config - the optimizer, rates, its options and decay of the run.
 * @returns one new optimizer per network.
 */
export function createOptimizers(config: OptimizerConfig): {
  critic: Optimizer;
  generator: Optimizer;
} {
  const choice = (value: number, lastStep: number): OptimizerChoice => ({
    kind: config.optimizer,
    options: optimizerCatalog.pickOptions(config.optimizer, config),
    learningRate: rate(config, value, lastStep),
  });
  return optimizerPair(
    choice(config.lrD, config.steps * config.nCritic),
    choice(config.lrG, config.steps),
  );
}

function rate(config: OptimizerConfig, value: number, lastStep: number): LearningRate {
  return config.lrDecayStart > 0 ? linearDecayToZero(value, config.lrDecayStart, lastStep) : value;
}
