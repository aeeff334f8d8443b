import type { Observable, Subscription } from 'rxjs';
import { everyN } from '../core/events/every-n.js';
import type { StepName, TrainingEvent } from '../core/events/training-event.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';

/** Options of {@link StepCounterHook}. */
export interface StepCounterOptions {
  /** Measure over this many steps; default 100 (TF's `every_n_steps`). */
  everyNSteps?: number;
  /** Which global step; default `generator`. */
  step?: StepName;
}

/**
 * Measures training speed in steps per second of the injected clock (semantics follow TF's
 * `tf.train.StepCounterHook`): every `everyNSteps` steps it logs `global_step/sec` and keeps
 * the figure in {@link StepCounterHook.stepsPerSecond}.
 */
export class StepCounterHook implements Hook {
  readonly name = 'StepCounterHook';
  /** The last measured rate; undefined until the first period has passed. */
  stepsPerSecond: number | undefined;
  private readonly every: number;
  private readonly step: StepName;

  /** @param options - the period and which step. */
  constructor(options: StepCounterOptions = {}) {
    this.every = options.everyNSteps ?? 100;
    this.step = options.step ?? 'generator';
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    let mark: { step: number; time: number } | undefined;
    const startMark = events$.subscribe((event) => {
      if (event.kind === 'begin') mark = { step: event.steps[this.step], time: event.time };
    });
    startMark.add(
      events$.pipe(everyN(this.every, this.step)).subscribe((event) => {
        const step = event.steps[this.step];
        if (mark !== undefined && event.time > mark.time && step > mark.step) {
          this.stepsPerSecond = ((step - mark.step) * 1000) / (event.time - mark.time);
          context.logger.info(
            `global_step/${this.step}/sec: ${this.stepsPerSecond.toPrecision(4)}`,
          );
        }
        mark = { step, time: event.time };
      }),
    );
    return startMark;
  }
}
