import type { StepCounts } from '../../core/events/training-event.js';

/** How a run ended, as `trainer.run()` resolves. */
export interface TrainingResult {
  readonly steps: StepCounts;
  /** `last-step`, the reason given to `stop()`/`requestStop()`, or `error`. */
  readonly reason: string;
  /** What ended the run when `reason` is `error` (a `HookError` names the hook). */
  readonly error?: Error;
}
