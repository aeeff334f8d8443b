import type { StepCounts } from '../../core/events/training-event.js';
import type { Logger } from '../../core/logger.js';
import type { HookHost } from '../hooks-runtime/hook-host.js';
import type { StopRequests } from './stop-requests.js';
import type { TrainingResult } from './training-result.js';
import type { Announce } from './unstamped-event.js';

/** What {@link endRun} reads and reports through. */
export interface RunEnding {
  readonly hooks: Pick<HookHost, 'settle' | 'failure'>;
  readonly stops: Pick<StopRequests, 'pending'>;
  readonly announce: Announce;
  /** Both global steps now. */
  readonly steps: () => StepCounts;
  readonly logger: Logger;
}

/**
 * Ends a run after its loop: once every hook's queued work has settled, `end` (with the pending
 * stop's reason, else `last-step`), and once the work queued on `end` has settled too, the
 * result. A trainer error, or a hook failure before or during `end`, gives `error` instead,
 * naming the failing hook or `trainer`.
 *
 * @param ending - the run's hooks, stop requests, event sink, steps and logger.
 * @param trainerError - what the loop threw, if anything.
 * @returns the run's result; an error resolves too, as `reason: 'error'`.
 */
export async function endRun(
  ending: RunEnding,
  trainerError: Error | undefined,
): Promise<TrainingResult> {
  const { hooks, stops, announce } = ending;
  await hooks.settle();
  if (trainerError === undefined && hooks.failure === undefined) {
    const reason = stops.pending?.reason ?? 'last-step';
    announce({ kind: 'end', reason, saveCheckpoint: stops.pending?.saveCheckpoint ?? true });
    await hooks.settle();
    if (hooks.failure === undefined) return { steps: ending.steps(), reason };
  }
  const error = trainerError ?? hooks.failure ?? new Error('unknown failure');
  const source =
    trainerError === undefined && hooks.failure !== undefined ? hooks.failure.hookName : 'trainer';
  ending.logger.warn(`training ended with an error: ${error.message}`);
  announce({ kind: 'error', error, source });
  return { steps: ending.steps(), reason: 'error', error };
}
