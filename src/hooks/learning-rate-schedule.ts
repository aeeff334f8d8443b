import type { Observable, Subscription } from 'rxjs';
import { isUpdateOf } from '../core/events/every-n.js';
import type { StepName, TrainingEvent } from '../core/events/training-event.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';

/** Options of {@link LearningRateScheduleHook}. */
export interface LearningRateScheduleOptions {
  /** Which optimizer the schedule drives (and whose global step it reads). */
  optimizer: StepName;
  /** The rate for a given global step, e.g. `schedules.exponentialDecay({...})`. */
  schedule: (step: number) => number;
}

/**
 * Drives one optimizer's learning rate from a schedule, as a subscriber: at `begin` and after
 * each of that optimizer's updates it sets the rate for the next update to `schedule(step)`,
 * the value TF 1 would compute from `global_step` for that update. The rate in force is
 * reported in every step event's `learningRates`, which summary hooks record.
 *
 * Use this (rather than passing the schedule as the optimizer's `learningRate`) when the
 * schedule should follow a different clock than the optimizer's own step, or to swap schedules
 * without rebuilding the optimizer.
 */
export class LearningRateScheduleHook implements Hook {
  readonly name: string;

  /** @param options - the optimizer and its schedule. */
  constructor(private readonly options: LearningRateScheduleOptions) {
    this.name = `LearningRateScheduleHook(${options.optimizer})`;
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    const { optimizer, schedule } = this.options;
    return events$.subscribe((event) => {
      if (event.kind !== 'begin' && !isUpdateOf(event, optimizer)) return;
      const rate = schedule(event.steps[optimizer]);
      if (!Number.isFinite(rate) || rate < 0) {
        throw new RangeError(
          `the schedule gave ${rate} at global_step/${optimizer} ${event.steps[optimizer]}; ` +
            'a learning rate must be a finite number ≥ 0',
        );
      }
      context.optimizers[optimizer].setLearningRate(rate);
    });
  }
}
