import type * as tf from '../../core/backend/tf.js';
import { readCheckpointFile } from '../../core/checkpoint/checkpoint-file.js';
import { CheckpointMismatchError } from '../../core/checkpoint/errors.js';
import { Saver } from '../../core/checkpoint/saver.js';
import { ExportError } from './export-error.js';

/** Options of {@link restoreGenerator}. */
export interface RestoreGeneratorOptions {
  /** Load the moving averages where the checkpoint has them; default true. */
  useAverage?: boolean;
  /** The moving average's name suffix; default `ExponentialMovingAverage`. */
  averageName?: string;
}

/** What {@link restoreGenerator} loaded. */
export interface RestoredGenerator {
  /** The checkpoint's global steps. */
  readonly steps: Record<string, number>;
  /** Weights loaded from moving-average shadows, by the weight's name. */
  readonly averaged: readonly string[];
}

/**
 * Loads a generator's weights from a run's checkpoint into a `LayersModel` built like the
 * run's (e.g. from its `config.json`), taking each weight's moving average
 * (`<weight>/ExponentialMovingAverage`) where the checkpoint has one — the weights to sample
 * and export with, as TensorFlow's `ema.variables_to_restore()` does. Weights are matched by
 * their canonical names (`originalName`); nothing is loaded unless every weight matches.
 *
 * @example
 * ```ts
 * const { generator } = mlpGan({ dataSize: 2 });
 * await restoreGenerator(generator, 'runs/ring8/checkpoints/ckpt-2000.safetensors');
 * await exportGenerator(generator, 'runs/ring8/export');
 * ```
 * @param model - the generator, built with the run's architecture.
 * @param path - the checkpoint file.
 * @param options - whether to prefer the moving averages.
 * @returns the steps and which weights came from averages.
 * @throws ExportError naming every weight the checkpoint lacks or holds with another shape.
 */
export async function restoreGenerator(
  model: tf.LayersModel,
  path: string,
  options: RestoreGeneratorOptions = {},
): Promise<RestoredGenerator> {
  const { tensors } = await readCheckpointFile(path);
  const suffix = options.averageName ?? 'ExponentialMovingAverage';
  const map: Record<string, tf.Variable> = {};
  const averaged: string[] = [];
  for (const weight of model.weights) {
    const name = weight.originalName;
    const shadow = `${name}/${suffix}`;
    const fromShadow = options.useAverage !== false && tensors.has(shadow);
    if (fromShadow) averaged.push(name);
    map[fromShadow ? shadow : name] = weight.read() as tf.Variable;
  }
  try {
    const { steps } = await new Saver(map).restore(path);
    return { steps, averaged };
  } catch (error) {
    if (!(error instanceof CheckpointMismatchError)) throw error;
    throw new ExportError(
      `the generator does not match ${path} (was it built with another config than the run ` +
        `that saved it?); nothing was loaded:\n` +
        error.mismatches.map((m) => `  ${m.name}: ${m.problem}`).join('\n'),
    );
  }
}
