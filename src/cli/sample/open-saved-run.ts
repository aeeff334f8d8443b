import { initBackend } from '../../core/backend/init-backend.js';
import { readCheckpointFile } from '../../core/checkpoint/checkpoint-file.js';
import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import type { Logger } from '../../core/logger.js';
import type { GanModels } from '../../gan/models/gan-models.js';
import type { TrainOptions } from '../config/train-options.js';
import { locateCheckpoint, type CheckpointLocation } from '../checkpoint/locate-checkpoint.js';
import { rebuildModels } from './rebuild-models.js';
import { runConfigOf } from './sample-config.js';

/** A finished run opened for reading: its checkpoint and freshly built networks. */
export interface SavedRun {
  /** The checkpoint file chosen. */
  readonly path: string;
  readonly manifest: CheckpointManifest;
  /** The run's architecture, initialised but not yet loaded with the checkpoint's weights. */
  readonly models: GanModels;
  /** The run's `gantry train` options (its dataset among them). */
  readonly config: TrainOptions;
}

/**
 * What `gantry sample`, `gantry eval` and `gantry export` do first: find the checkpoint (`--checkpoint`, else
 * the logdir's latest), read its manifest, find the run's config, start the backend that config
 * names (the run's own, so a grid25 run samples on wasm) and rebuild the networks.
 *
 * @param location - the command's `--logdir` and `--checkpoint`.
 * @param logger - where the backend's start-up line goes.
 * @returns the checkpoint and the rebuilt networks; the caller disposes the models.
 * @throws UsageError when neither option is given or no config is found; CheckpointError when
 *   the run has no checkpoint or it cannot be read.
 */
export async function openSavedRun(
  location: CheckpointLocation,
  logger: Logger,
): Promise<SavedRun> {
  const path = locateCheckpoint(location);
  const { manifest } = await readCheckpointFile(path);
  const config = runConfigOf(manifest, location.logdir, path);
  await initBackend({ backend: config.backend ?? 'auto', logger });
  return { path, manifest, models: rebuildModels(config, manifest), config };
}
