import { filter, type OperatorFunction } from 'rxjs';
import type { EventOfKind, TrainingEvent, TrainingEventKind } from './training-event.js';

/**
 * Passes only the events of the given kinds, narrowing the type to them.
 *
 * @example
 * ```ts
 * trainer.events$.pipe(ofKind('critic-step', 'generator-step')).subscribe((e) => e.loss);
 * ```
 * @param kinds - the `kind`s to let through.
 * @returns an operator from training events to the selected events.
 */
export function ofKind<K extends TrainingEventKind>(
  ...kinds: K[]
): OperatorFunction<TrainingEvent, EventOfKind<K>> {
  const wanted = new Set<TrainingEventKind>(kinds);
  return filter((event): event is EventOfKind<K> => wanted.has(event.kind));
}
