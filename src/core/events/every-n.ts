import { filter, type OperatorFunction } from 'rxjs';
import type { EventOfKind, StepName, TrainingEvent } from './training-event.js';

/** The step event that advances the given global step. */
export type StepEventOf<S extends StepName> = EventOfKind<`${S}-step`>;

/**
 * Passes the step events whose global step is a multiple of `n` (TF's `log_every_n`,
 * Ignite's `every=`). Only the events that advance the named step count, and skipped
 * updates (which advance nothing) never pass, so each step value passes at most once.
 *
 * @example
 * ```ts
 * events$.pipe(everyN(100)).subscribe((e) => log(e.steps.generator, e.loss));
 * events$.pipe(everyN(500, 'critic')).subscribe(...);
 * ```
 * @param n - the period in steps, a positive integer.
 * @param step - which global step counts; default `generator`.
 * @returns an operator from training events to the selected step events.
 */
export function everyN<S extends StepName = 'generator'>(
  n: number,
  step: S = 'generator' as S,
): OperatorFunction<TrainingEvent, StepEventOf<S>> {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`everyN: n must be a positive integer, got ${n}`);
  }
  return filter(
    (event): event is StepEventOf<S> => isUpdateOf(event, step) && event.steps[step] % n === 0,
  );
}

/**
 * Whether `event` is an applied (not skipped) update of the named step.
 *
 * @param event - any training event.
 * @param step - the global step of interest.
 * @returns true for a `${step}-step` event that was not skipped.
 */
export function isUpdateOf<S extends StepName>(
  event: TrainingEvent,
  step: S,
): event is StepEventOf<S> {
  return (
    (event.kind === 'critic-step' || event.kind === 'generator-step') &&
    event.kind === `${step}-step` &&
    !event.skipped
  );
}
