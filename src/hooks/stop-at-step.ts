import type { Observable, Subscription } from 'rxjs';
import { isUpdateOf } from '../core/events/every-n.js';
import type { StepName, TrainingEvent } from '../core/events/training-event.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';

/** Options of {@link StopAtStepHook}: exactly one of `lastStep` and `numSteps`. */
export interface StopAtStepOptions {
  /** Stop once the step reaches this value. */
  lastStep?: number;
  /** Stop after this many more steps than the step read at `begin`. */
  numSteps?: number;
  /** Which global step counts; default `generator`. */
  step?: StepName;
}

/**
 * Requests a stop when a global step reaches its last value (semantics follow TF's
 * `tf.train.StopAtStepHook`). On the critic's step, the stop lands at the iteration
 * boundary, so the critic may end up to `nCritic − 1` steps past `lastStep`.
 *
 * @example
 * ```ts
 * createTrainer({ ...config, hooks: [new StopAtStepHook({ numSteps: 1000 })] });
 * ```
 */
export class StopAtStepHook implements Hook {
  readonly name = 'StopAtStepHook';
  private readonly step: StepName;

  /** @param options - `lastStep` or `numSteps`, and which step. */
  constructor(private readonly options: StopAtStepOptions) {
    if ((options.lastStep === undefined) === (options.numSteps === undefined)) {
      throw new RangeError('StopAtStepHook: give exactly one of lastStep and numSteps');
    }
    this.step = options.step ?? 'generator';
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    let last = Number.POSITIVE_INFINITY;
    return events$.subscribe((event) => {
      if (event.kind === 'begin') {
        last = this.options.lastStep ?? event.steps[this.step] + (this.options.numSteps ?? 0);
      } else if (!isUpdateOf(event, this.step)) {
        return;
      }
      if (event.steps[this.step] >= last) {
        context.requestStop(`global_step/${this.step} reached ${last}`);
      }
    });
  }
}
