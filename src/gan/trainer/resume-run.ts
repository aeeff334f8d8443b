import type { CheckpointManager } from '../../core/checkpoint/checkpoint-manager.js';
import type { Logger } from '../../core/logger.js';
import type { RestoredRun, RunState } from '../run-state/run-state.js';

/**
 * Restores the newest checkpoint of the run's manager, if any. The trainer calls it before any
 * hook or summary writer exists, so hooks see the restored steps from `begin` on and the writer
 * opens with `resumeFromStep`.
 *
 * @param checkpoints - the run's checkpoint manager, if the trainer has one.
 * @param state - the run's state, which the checkpoint is loaded into.
 * @param logger - says which checkpoint and steps the run resumes from.
 * @returns what was restored, or `undefined` for a fresh start.
 * @throws ResumeError when the checkpoint does not fit the run (nothing is loaded then).
 */
export async function resumeRun(
  checkpoints: CheckpointManager | undefined,
  state: RunState,
  logger: Logger,
): Promise<RestoredRun | undefined> {
  const latest = checkpoints?.latest();
  if (latest === undefined) return undefined;
  const restored = await state.restore(latest);
  const { critic, generator } = restored.steps;
  logger.info(`resuming from ${latest} (critic step ${critic}, generator step ${generator})`);
  return restored;
}
