import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdamOptimizer,
  CheckpointSaverHook,
  createTrainer,
  mlpGan,
  ring8,
  silentLogger,
  tf,
  wassersteinGradientPenalty,
  type GanTrainer,
  type Hook,
  type Optimizer,
  type TrainerConfig,
} from '../../../src/index.js';
import { fakeClock } from '../tiny-gan.js';

/** Which GAN a resume test trains. */
export type Flavour = 'wgan-rmsprop' | 'wgan-gp-adam';

/** One trainer over fresh models, and how to free what it made. */
export interface Built {
  trainer: GanTrainer;
  dispose(): void;
}

/** Options of {@link buildTrainer}. */
export interface BuildOptions {
  flavour: Flavour;
  logdir: string;
  steps: number;
  /** The initial weights (every run of a test starts from the same ones). */
  initial: InitialWeights;
  hooks?: Hook[];
  /** Hidden width of both MLPs; changing it changes every kernel's shape. */
  width?: number;
}

/** Initial weights of a generator and a critic, copied into each new pair of models. */
export interface InitialWeights {
  generator: tf.Tensor[];
  critic: tf.Tensor[];
}

const WIDTH = 8;

/**
 * Draws one set of initial weights for the small MLP GAN the resume tests train.
 *
 * @param width - hidden width.
 * @returns the weights (the caller disposes them).
 */
export function initialWeights(width = WIDTH): InitialWeights {
  const models = mlpGan({ noiseSize: 3, width, depth: 2 });
  const copy = (m: tf.LayersModel): tf.Tensor[] => m.getWeights().map((w) => w.clone());
  const initial = { generator: copy(models.generator), critic: copy(models.critic) };
  models.generator.dispose();
  models.critic.dispose();
  return initial;
}

/**
 * Builds a trainer as a new process would: new models (tfjs suffixes their variable names),
 * new optimizers, dataset, noise sampler and loss, all from the same seeds.
 *
 * @param options - flavour, logdir, last step, initial weights and hooks.
 * @returns the trainer and its disposer.
 */
export function buildTrainer(options: BuildOptions): Built {
  const models = mlpGan({ noiseSize: 3, width: options.width ?? WIDTH, depth: 2 });
  if (options.width === undefined) {
    models.generator.setWeights(options.initial.generator);
    models.critic.setWeights(options.initial.critic);
  }
  const optimizers = flavourOptimizers(options.flavour);
  const config: TrainerConfig = {
    generator: models.generator,
    critic: models.critic,
    dataset: ring8(3),
    batchSize: 8,
    latentDim: 3,
    nCritic: 3,
    steps: options.steps,
    emaDecay: 0.9,
    seed: 11,
    backend: 'cpu',
    logdir: options.logdir,
    logger: silentLogger,
    clock: fakeClock(),
    hooks: options.hooks ?? [],
    ...(options.flavour === 'wgan-rmsprop'
      ? { weightClip: 0.05 }
      : { loss: wassersteinGradientPenalty({ weight: 10, seed: 5 }), optimizers }),
  };
  const trainer = createTrainer(config);
  return {
    trainer,
    dispose: () => {
      optimizers?.critic.dispose();
      optimizers?.generator.dispose();
      models.generator.dispose();
      models.critic.dispose();
    },
  };
}

function flavourOptimizers(
  flavour: Flavour,
): { critic: Optimizer; generator: Optimizer } | undefined {
  if (flavour === 'wgan-rmsprop') return undefined;
  // Distinct names, as the CLI gives them, so the beta powers do not collide.
  return {
    critic: new AdamOptimizer({ learningRate: 1e-3, beta1: 0.5, beta2: 0.9, name: 'Adam' }),
    generator: new AdamOptimizer({ learningRate: 1e-3, beta1: 0.5, beta2: 0.9, name: 'Adam_1' }),
  };
}

/**
 * Trains, then records everything the run holds, by checkpoint name.
 *
 * @param built - the trainer.
 * @returns the result's reason, the steps, each variable's bytes and each state.
 */
export async function trainAndRecord(built: Built): Promise<RunRecord> {
  const result = await built.trainer.run();
  if (result.error !== undefined) throw result.error;
  const contents = built.trainer.runState().snapshot();
  return {
    steps: contents.steps,
    tensors: new Map(contents.tensors.map((t) => [t.name, Buffer.from(t.bytes)])),
    states: contents.extraState,
  };
}

/** A run's state as plain data. */
export interface RunRecord {
  steps: Record<string, number>;
  tensors: Map<string, Buffer>;
  states: Record<string, unknown>;
}

/** @returns a fresh, empty run folder. */
export function temporaryLogdir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'gantry-resume-'));
}

/** @returns a checkpoint hook that saves only at the end. */
export function saveAtEnd(): CheckpointSaverHook {
  return new CheckpointSaverHook({ saveAtEnd: true });
}
