import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainOptions } from '../../../src/cli/config/train-options.js';
import { createModels, type ModelConfig } from '../../../src/cli/train/create-models.js';
import { writeRunConfig } from '../../../src/cli/train/run-config-file.js';
import { resolveTrainConfig } from '../../../src/cli/config/resolve-train-config.js';
import { CheckpointManager } from '../../../src/core/checkpoint/checkpoint-manager.js';
import { Saver } from '../../../src/core/checkpoint/saver.js';
import * as tf from '../../../src/core/backend/tf.js';

/** Options of {@link saveRun}. */
export interface SavedRunOptions {
  /** The run's options; model sizes among them. */
  options: TrainOptions & { logdir: string };
  /** The shape of one sample the models are built for. */
  sampleShape: number[];
  steps: { critic: number; generator: number };
  /** Also save a zero moving-average shadow of every generator weight. */
  zeroShadows?: boolean;
}

/**
 * Writes what `gantry train` leaves in a logdir — `config.json` and a checkpoint of freshly
 * initialised models under their TensorFlow-style names — without training, so tests of
 * `sample` and `inspect` run in milliseconds.
 *
 * @param run - the run to fake.
 * @returns the checkpoint's path.
 */
export async function saveRun(run: SavedRunOptions): Promise<string> {
  const config = resolveTrainConfig({ flags: run.options });
  await mkdir(config.logdir, { recursive: true });
  await writeRunConfig(config);
  const models = createModels(config satisfies ModelConfig, run.sampleShape);
  const variables: Record<string, tf.Variable> = {};
  for (const model of [models.generator, models.critic]) {
    for (const weight of model.weights)
      variables[weight.originalName] = weight.read() as tf.Variable;
  }
  if (run.zeroShadows === true) {
    for (const weight of models.generator.trainableWeights) {
      variables[`${weight.originalName}/ExponentialMovingAverage`] = tf.variable(
        tf.zerosLike(weight.read()),
      );
    }
  }
  const manager = new CheckpointManager(new Saver(variables), join(config.logdir, 'checkpoints'), {
    config: { ...config },
  });
  const saved = await manager.save(run.steps);
  return saved.path;
}
