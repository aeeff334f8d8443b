import * as tf from '../../backend/tf.js';
import { isGradsAndVars, type GradsAndVarsList } from './grads-and-vars.js';

/** Tensors whose joint norm is wanted; `null` entries (variables without a gradient) are skipped. */
export type TensorList = ReadonlyArray<tf.Tensor | null>;

/**
 * The global norm of several tensors, as `tf.global_norm`:
 * `sqrt(sum over tensors of sum(t^2))`. `null` entries are ignored; a list with no tensors has
 * norm 0. Accepts `[gradient, variable]` pairs too, taking the norm of the gradients.
 *
 * @example
 * ```ts
 * globalNorm([tf.tensor([3]), null, tf.tensor([4])]); // 5
 * ```
 * @param list - tensors (or nulls), or gradients with their variables.
 * @returns a new scalar; the caller disposes it.
 */
export function globalNorm(list: TensorList | GradsAndVarsList): tf.Scalar {
  const tensors = tensorsOf(list);
  return tf.tidy(() => {
    const squares = tensors.map((t) => tf.sum(tf.square(t)));
    return tf.sqrt(squares.length === 0 ? tf.scalar(0) : tf.addN(squares)) as tf.Scalar;
  });
}

/**
 * The non-null tensors of a tensor list or of a gradients-and-variables list.
 *
 * @param list - tensors (or nulls), or gradients with their variables.
 * @returns the tensors, in order.
 */
export function tensorsOf(list: TensorList | GradsAndVarsList): tf.Tensor[] {
  const entries = isGradsAndVars(list) ? list.map(([gradient]) => gradient) : (list as TensorList);
  return entries.filter((t): t is tf.Tensor => t !== null);
}
