import { join } from 'node:path';
import { CheckpointError } from '../../core/checkpoint/errors.js';
import { readStateFile, type CheckpointState } from '../../core/checkpoint/state-file.js';
import { UsageError } from '../usage-error.js';

/** Where a run's checkpoints live inside its logdir. */
export const CHECKPOINT_FOLDER = 'checkpoints';

/** The `--logdir` / `--checkpoint` pair that `sample`, `eval`, `inspect` and `export` take. */
export interface CheckpointLocation {
  logdir?: string;
  /** `latest`, `best`, a generator step (`500`), or a checkpoint file's path. */
  checkpoint?: string;
}

/**
 * The checkpoint a command reads. `--checkpoint` is `latest` (the default: the one the state
 * file `<logdir>/checkpoints/checkpoint` names), `best` (the best by the metric the run kept
 * it by, `gantry train --eval-every`), a generator step (`--checkpoint 500`: `ckpt-500`, which
 * the state file must list), or a checkpoint file's path.
 *
 * @param location - the command's `--logdir` and `--checkpoint`.
 * @returns the checkpoint file's path.
 * @throws UsageError when a step or `latest` is asked for without `--logdir`; CheckpointError
 *   when the logdir has no such checkpoint.
 */
export function locateCheckpoint(location: CheckpointLocation): string {
  const { checkpoint = 'latest', logdir } = location;
  const step = /^\d+$/.test(checkpoint);
  if (checkpoint !== 'latest' && checkpoint !== 'best' && !step) return checkpoint;
  if (logdir === undefined) {
    throw new UsageError(
      location.checkpoint === undefined
        ? 'give --logdir DIR (its latest checkpoint) or --checkpoint PATH'
        : `--checkpoint ${checkpoint} picks among a run's checkpoints: give --logdir DIR too`,
    );
  }
  const folder = join(logdir, CHECKPOINT_FOLDER);
  const state = readStateFile(join(folder, 'checkpoint'));
  if (state?.latest === undefined) {
    throw new CheckpointError(
      `${logdir} has no checkpoint yet (no ${join(folder, 'checkpoint')}); train ` +
        `with gantry train --logdir ${logdir} first, or pass --checkpoint PATH`,
    );
  }
  const name = step
    ? checkpointAtStep(state, Number(checkpoint), logdir)
    : checkpoint === 'best'
      ? bestCheckpoint(state, logdir)
      : state.latest;
  return join(folder, `${name}.safetensors`);
}

function bestCheckpoint(state: CheckpointState, logdir: string): string {
  if (state.best === undefined) {
    throw new CheckpointError(
      `${logdir} has no best checkpoint: runs keep one when they evaluate their samples ` +
        '(gantry train --eval-every N); use --checkpoint latest or a step',
    );
  }
  return state.best.name;
}

function checkpointAtStep(state: CheckpointState, step: number, logdir: string): string {
  const names = [...state.preserved, ...state.recent.map((c) => c.name)];
  if (state.best !== undefined && !names.includes(state.best.name)) names.push(state.best.name);
  const found = names.find((name) => Number(name.slice(name.lastIndexOf('-') + 1)) === step);
  if (found === undefined) {
    const steps = names.map((name) => name.slice(name.lastIndexOf('-') + 1)).join(', ');
    throw new CheckpointError(
      `${logdir} keeps no checkpoint of generator step ${step}; it keeps steps ${steps} ` +
        '(--checkpoint N takes one of them, or latest)',
    );
  }
  return found;
}
