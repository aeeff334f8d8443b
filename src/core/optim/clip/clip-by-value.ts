import * as tf from '../../backend/tf.js';
import { ClipError } from './clip-error.js';
import {
  isGradsAndVars,
  mapGradients,
  type ClippedGradsAndVars,
  type GradsAndVarsList,
} from './grads-and-vars.js';

/** A clip bound: a number, or a tensor that broadcasts to the clipped tensor's shape. */
export type ClipBound = number | tf.Tensor;

/**
 * Clips values to `[clipValueMin, clipValueMax]`, as `tf.clip_by_value`: `min(t, max)` then
 * `max(·, min)`, so NaN stays NaN, ±Infinity is clipped, and (as in TensorFlow) a minimum above
 * the maximum yields the minimum everywhere. Given `[gradient, variable]` pairs it clips every
 * gradient and passes `null` ones through.
 *
 * @example
 * ```ts
 * clipByValue(tf.tensor([-5, 2, 6]), -4.4, 4.4); // [-4.4, 2, 4.4]
 * const clipped = clipByValue(gradsAndVars, -0.01, 0.01);
 * ```
 * @param t - a tensor, or gradients with their variables.
 * @param clipValueMin - the lower bound, a number or a tensor broadcastable to `t`.
 * @param clipValueMax - the upper bound, a number or a tensor broadcastable to `t`.
 * @returns a new tensor (or new pairs) of the same shape; the caller disposes it.
 * @throws ClipError when a bound would broadcast `t` to a larger shape.
 */
export function clipByValue<R extends tf.Rank>(
  t: tf.Tensor<R>,
  clipValueMin: ClipBound,
  clipValueMax: ClipBound,
): tf.Tensor<R>;
export function clipByValue(
  t: GradsAndVarsList,
  clipValueMin: ClipBound,
  clipValueMax: ClipBound,
): ClippedGradsAndVars;
export function clipByValue(
  t: tf.Tensor | GradsAndVarsList,
  clipValueMin: ClipBound,
  clipValueMax: ClipBound,
): tf.Tensor | ClippedGradsAndVars {
  if (isGradsAndVars(t)) {
    return mapGradients(t, (gradient) => clipByValue(gradient, clipValueMin, clipValueMax));
  }
  const tensor = t as tf.Tensor;
  return tf.tidy(() => {
    const clipped = tf.maximum(tf.minimum(tensor, clipValueMax), clipValueMin);
    if (!sameShape(clipped.shape, tensor.shape)) {
      throw new ClipError(
        `clipByValue: the bounds (shapes ${describe(clipValueMin)}, ${describe(clipValueMax)}) ` +
          `would broadcast t of shape [${tensor.shape.join(', ')}] to ` +
          `[${clipped.shape.join(', ')}]; give bounds that broadcast to t's shape`,
      );
    }
    return clipped;
  });
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}

function describe(bound: ClipBound): string {
  return typeof bound === 'number' ? 'scalar' : `[${bound.shape.join(', ')}]`;
}
