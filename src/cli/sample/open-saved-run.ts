import type * as tf from '../../core/backend/tf.js';
import { initBackend } from '../../core/backend/init-backend.js';
import { readCheckpointFile } from '../../core/checkpoint/checkpoint-file.js';
import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import type { Logger } from '../../core/logger.js';
import { locateCheckpoint } from '../checkpoint/locate-checkpoint.js';
import { UsageError } from '../usage-error.js';
import type { TrainOptions } from '../config/train-options.js';
import { generatorRecipeOf, type SavedRunLocation } from './generator-recipe.js';
import { runConfigOf } from './sample-config.js';

/** A finished run opened for reading: its checkpoint and a freshly built generator. */
export interface SavedRun {
  /** The checkpoint file chosen. */
  readonly path: string;
  readonly manifest: CheckpointManifest;
  /** The run's generator, initialised but not yet loaded with the checkpoint's weights. */
  readonly generator: tf.LayersModel;
  /** The shape of one noise vector the generator takes (its input, less the batch). */
  readonly noiseShape: number[];
  /** The shape of one sample it makes (its output, less the batch). */
  readonly sampleShape: number[];
  /** The run's `gantry train` options, when the checkpoint or its `config.json` holds them. */
  readonly config?: TrainOptions;
}

/**
 * What `gantry sample`, `gantry eval` and `gantry export` do first: find the checkpoint (`--checkpoint`, else
 * the logdir's latest), read its manifest, decide how to rebuild the generator (see
 * {@link generatorRecipeOf}), start the backend the run names (the run's own, so a grid25 run
 * samples on wasm) and build it.
 *
 * @param location - the command's `--logdir`, `--checkpoint` and `--generator`.
 * @param logger - where the backend's start-up line goes.
 * @returns the checkpoint and the rebuilt generator; the caller disposes it.
 * @throws UsageError when neither location is given or nothing describes the generator;
 *   CheckpointError when the run has no checkpoint or it cannot be read.
 */
export async function openSavedRun(location: SavedRunLocation, logger: Logger): Promise<SavedRun> {
  const path = locateCheckpoint(location);
  const { manifest } = await readCheckpointFile(path);
  const recipe = generatorRecipeOf(manifest, location, path);
  await initBackend({ backend: recipe.backend ?? 'auto', logger });
  const generator = await recipe.build();
  const config = runConfigOf(manifest, location.logdir, path);
  try {
    return {
      path,
      manifest,
      generator,
      ...(config === undefined ? {} : { config }),
      noiseShape: fixedShape(generator.inputs[0]?.shape, 'input'),
      sampleShape: fixedShape(generator.outputs[0]?.shape, 'output'),
    };
  } catch (error) {
    generator.dispose();
    throw error;
  }
}

function fixedShape(shape: readonly (number | null)[] | undefined, what: string): number[] {
  const sizes = shape?.slice(1) ?? [];
  if (sizes.length === 0 || sizes.some((size) => size === null)) {
    throw new UsageError(
      `the generator's ${what} has shape [${shape?.map(String).join(', ') ?? ''}], which leaves a size ` +
        'open; gantry samples generators of one noise shape and one sample shape',
    );
  }
  return sizes as number[];
}
