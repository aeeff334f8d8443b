import type { TrainingEvent } from '../../core/events/training-event.js';

/**
 * A training event as its sender writes it, without `steps` and `time`: the trainer stamps
 * every event with both global steps and its clock as it emits it.
 */
export type UnstampedEvent = TrainingEvent extends infer E
  ? E extends TrainingEvent
    ? Omit<E, 'steps' | 'time'>
    : never
  : never;

/** Emits an event through the trainer, which stamps it. */
export type Announce = (event: UnstampedEvent) => void;
