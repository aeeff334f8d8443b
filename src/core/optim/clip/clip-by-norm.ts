import * as tf from '../../backend/tf.js';
import { stopGradient } from '../gradients.js';
import { ClipError, requireClipNumber } from './clip-error.js';
import {
  isGradsAndVars,
  mapGradients,
  type ClippedGradsAndVars,
  type GradsAndVarsList,
} from './grads-and-vars.js';

/**
 * Rescales a tensor so that its L2 norm is at most `clipNorm`, as `tf.clip_by_norm`:
 * `t * clipNorm / max(l2norm(t), clipNorm)`, the norm taken over `axes` (all of them by
 * default), so with `axes = [1]` each row of a matrix is clipped on its own. A tensor of norm
 * zero is returned unchanged, and, as in TensorFlow, a negative `clipNorm` counts as zero.
 * Given `[gradient, variable]` pairs it clips every gradient and passes `null` ones through.
 *
 * @example
 * ```ts
 * clipByNorm(tf.tensor([[-3, 0, 0], [4, 0, 0]]), 4); // [[-2.4, 0, 0], [3.2, 0, 0]]
 * const clipped = clipByNorm(gradsAndVars, 5);
 * ```
 * @param t - a tensor, or gradients with their variables.
 * @param clipNorm - the largest norm allowed.
 * @param axes - the dimensions the norm is taken over; default all.
 * @returns a new tensor (or new pairs) of the same shape; the caller disposes it.
 * @throws ClipError when `clipNorm` is not a finite number or an axis is out of range.
 */
export function clipByNorm<R extends tf.Rank>(
  t: tf.Tensor<R>,
  clipNorm: number,
  axes?: number[],
): tf.Tensor<R>;
export function clipByNorm(
  t: GradsAndVarsList,
  clipNorm: number,
  axes?: number[],
): ClippedGradsAndVars;
export function clipByNorm(
  t: tf.Tensor | GradsAndVarsList,
  clipNorm: number,
  axes?: number[],
): tf.Tensor | ClippedGradsAndVars {
  const bound = Math.max(requireClipNumber('clipByNorm', 'clipNorm', clipNorm, false), 0);
  if (isGradsAndVars(t)) return mapGradients(t, (gradient) => clipByNorm(gradient, bound, axes));
  const values = t as tf.Tensor;
  if (axes !== undefined) checkAxes(axes, values.rank);
  return tf.tidy(() => {
    const l2sum = tf.sum(tf.square(values), axes, true);
    // TensorFlow's two-sided `where`: sqrt only sees positive sums, so a zero tensor has a
    // finite gradient through the clip. tfjs has no gradient for `greater`; the mask needs none.
    const positive = tf.greater(stopGradient(l2sum), 0);
    const safeSum = tf.where(positive, l2sum, tf.onesLike(l2sum));
    const l2norm = tf.where(positive, tf.sqrt(safeSum), l2sum);
    return tf.div(tf.mul(values, bound), tf.maximum(l2norm, bound));
  });
}

function checkAxes(axes: readonly number[], rank: number): void {
  for (const axis of axes) {
    if (!Number.isInteger(axis) || axis < -rank || axis >= rank) {
      throw new ClipError(
        `clipByNorm: axis ${axis} is out of range for a tensor of rank ${rank}; ` +
          `use integers in [${-rank}, ${rank})`,
      );
    }
  }
}
