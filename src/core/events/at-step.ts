import { filter, take, type MonoTypeOperatorFunction, type OperatorFunction, pipe } from 'rxjs';
import type { StepName, TrainingEvent } from './training-event.js';
import { isUpdateOf, type StepEventOf } from './every-n.js';

/**
 * Passes the one step event at which the named global step reaches `step`, then completes
 * (Ignite's `once=`).
 *
 * @example
 * ```ts
 * events$.pipe(atStep(1000)).subscribe(() => context.requestStop('enough'));
 * ```
 * @param stepValue - the global step value to wait for.
 * @param step - which global step; default `generator`.
 * @returns an operator emitting at most one event.
 */
export function atStep<S extends StepName = 'generator'>(
  stepValue: number,
  step: S = 'generator' as S,
): OperatorFunction<TrainingEvent, StepEventOf<S>> {
  const once: MonoTypeOperatorFunction<StepEventOf<S>> = take(1);
  return pipe(
    filter(
      (event: TrainingEvent): event is StepEventOf<S> =>
        isUpdateOf(event, step) && event.steps[step] === stepValue,
    ),
    once,
  );
}
