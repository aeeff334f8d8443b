import type { StepCounts, StepName } from '../../core/events/training-event.js';

/** An update about to be applied, as an {@link UpdateGuard} sees it. */
export interface ProposedUpdate {
  readonly step: StepName;
  /** The update's loss, read from the device before applying. */
  readonly loss: number;
  /** The global steps before the update. */
  readonly steps: StepCounts;
}

/** Returns false to skip an update: no weights, slots or global step change. */
export type UpdateGuard = (update: ProposedUpdate) => boolean;
