import * as tf from '../../core/backend/tf.js';
import type { StepName } from '../../core/events/training-event.js';
import type { GradAndVar } from '../../core/optim/gradients.js';

/**
 * An update computed but not yet applied: the value that passes from computing an update
 * (`compute-update.ts`) to applying it (`apply-update.ts`), and the only thing that crosses
 * between them. Replicas average it across the group in between (`reduceUpdate`). It owns its
 * tensors: whoever receives it applies it (`applyUpdate` disposes them) or disposes it
 * ({@link disposeUpdate}).
 */
export interface ComputedUpdate {
  /** Which network the update is for, and so which optimizer and global step apply it. */
  readonly step: StepName;
  /** The update's loss, a scalar (on replicas, this replica's shard's mean until reduced). */
  readonly loss: tf.Tensor;
  /** Scalars the loss reports besides itself (`wasserstein`, `gradient_penalty`). */
  readonly metrics: Readonly<Record<string, tf.Tensor>>;
  /** Each trainable variable of the network with its gradient (`null`: not connected). */
  readonly gradsAndVars: GradAndVar[];
}

/**
 * Frees an update that will not be applied (its replicas failed to agree on it, or the run
 * ended before it): the loss, every metric and every gradient.
 *
 * @param computed - the update; none of its tensors may be used afterwards.
 */
export function disposeUpdate(computed: ComputedUpdate): void {
  tf.dispose([
    computed.loss,
    ...Object.values(computed.metrics),
    ...gradientsOf(computed.gradsAndVars),
  ]);
}

/**
 * The gradient tensors of a list of pairs, skipping variables without one.
 *
 * @param gradsAndVars - pairs as `computeGradients` returns them.
 * @returns the gradients (the same tensors, not copies).
 */
export function gradientsOf(gradsAndVars: readonly GradAndVar[]): tf.Tensor[] {
  return gradsAndVars.map(([grad]) => grad).filter((grad): grad is tf.Tensor => grad !== null);
}
