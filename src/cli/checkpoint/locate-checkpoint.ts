import { join } from 'node:path';
import { CheckpointError } from '../../core/checkpoint/errors.js';
import { readStateFile } from '../../core/checkpoint/state-file.js';
import { UsageError } from '../usage-error.js';

/** Where a run's checkpoints live inside its logdir. */
export const CHECKPOINT_FOLDER = 'checkpoints';

/** The `--logdir` / `--checkpoint` pair that `sample`, `inspect` and `export` take. */
export interface CheckpointLocation {
  logdir?: string;
  checkpoint?: string;
}

/**
 * The checkpoint a command reads: `--checkpoint` when given, else the latest one the state file
 * `<logdir>/checkpoints/checkpoint` names.
 *
 * @param location - the command's `--logdir` and `--checkpoint`.
 * @returns the checkpoint file's path.
 * @throws UsageError when neither option is given; CheckpointError when the logdir has no
 *   checkpoint yet.
 */
export function locateCheckpoint(location: CheckpointLocation): string {
  if (location.checkpoint !== undefined) return location.checkpoint;
  if (location.logdir === undefined) {
    throw new UsageError('give --logdir DIR (its latest checkpoint) or --checkpoint PATH');
  }
  const folder = join(location.logdir, CHECKPOINT_FOLDER);
  const latest = readStateFile(join(folder, 'checkpoint'))?.latest;
  if (latest === undefined) {
    throw new CheckpointError(
      `${location.logdir} has no checkpoint yet (no ${join(folder, 'checkpoint')}); train ` +
        `with gantry train --logdir ${location.logdir} first, or pass --checkpoint PATH`,
    );
  }
  return join(folder, `${latest}.safetensors`);
}
