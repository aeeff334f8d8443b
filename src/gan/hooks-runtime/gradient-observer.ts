import type * as tf from '../../core/backend/tf.js';
import type { StepName, StepCounts } from '../../core/events/training-event.js';

/** An update just applied, with its gradients, as a {@link GradientObserver} sees it. */
export interface AppliedGradients {
  readonly step: StepName;
  /** The global steps after the update: `steps[step]` counts it. */
  readonly steps: StepCounts;
  /**
   * Each updated variable with the gradient it was updated from (after `gradientClipNorm`
   * clipping, averaged across replicas). The tensors are freed when the observer returns:
   * `tf.clone` one to keep it.
   */
  readonly gradsAndVars: readonly (readonly [tf.Tensor, tf.Variable])[];
}

/** Sees the gradients of every applied update; skipped updates have none. */
export type GradientObserver = (applied: AppliedGradients) => void;
