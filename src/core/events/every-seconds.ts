import { defer, filter, type MonoTypeOperatorFunction, type Observable } from 'rxjs';
import type { TrainingEvent } from './training-event.js';

/**
 * Passes an event when at least `seconds` have passed (by the events' timestamps, which come
 * from the injected clock) since the last event it passed; the first event always passes,
 * like TF's `SecondOrStepTimer`. Each subscription keeps its own timer.
 *
 * @example
 * ```ts
 * events$.pipe(ofKind('generator-step'), everySeconds(60)).subscribe(saveCheckpoint);
 * ```
 * @param seconds - the minimum time between passed events, > 0.
 * @returns an operator that thins the stream by time.
 */
export function everySeconds<T extends TrainingEvent>(
  seconds: number,
): MonoTypeOperatorFunction<T> {
  if (!(seconds > 0)) {
    throw new RangeError(`everySeconds: seconds must be > 0, got ${seconds}`);
  }
  const periodMs = seconds * 1000;
  return (source: Observable<T>) =>
    defer(() => {
      let last = Number.NEGATIVE_INFINITY;
      return source.pipe(
        filter((event) => {
          if (event.time - last < periodMs) return false;
          last = event.time;
          return true;
        }),
      );
    });
}
