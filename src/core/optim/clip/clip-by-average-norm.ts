import * as tf from '../../backend/tf.js';
import { requireClipNumber } from './clip-error.js';
import {
  isGradsAndVars,
  mapGradients,
  type ClippedGradsAndVars,
  type GradsAndVarsList,
} from './grads-and-vars.js';

/**
 * Rescales a tensor so that its average L2 norm (the norm divided by its number of elements)
 * is at most `clipNorm`, as `tf.clip_by_average_norm`:
 * `t * clipNorm * min(size(t) / l2norm(t), 1 / clipNorm)`. A tensor of norm zero is returned
 * unchanged. Given `[gradient, variable]` pairs it clips every gradient and passes `null`
 * ones through.
 *
 * @example
 * ```ts
 * clipByAverageNorm(tf.tensor([[-3, 0, 0], [4, 0, 0]]), 0.8); // [[-2.88, 0, 0], [3.84, 0, 0]]
 * ```
 * @param t - a tensor, or gradients with their variables.
 * @param clipNorm - the largest average norm allowed; must be > 0.
 * @returns a new tensor (or new pairs) of the same shape; the caller disposes it.
 * @throws ClipError when `clipNorm` is not a finite number greater than 0.
 */
export function clipByAverageNorm<R extends tf.Rank>(
  t: tf.Tensor<R>,
  clipNorm: number,
): tf.Tensor<R>;
export function clipByAverageNorm(t: GradsAndVarsList, clipNorm: number): ClippedGradsAndVars;
export function clipByAverageNorm(
  t: tf.Tensor | GradsAndVarsList,
  clipNorm: number,
): tf.Tensor | ClippedGradsAndVars {
  requireClipNumber('clipByAverageNorm', 'clipNorm', clipNorm, true);
  if (isGradsAndVars(t)) {
    return mapGradients(t, (gradient) => clipByAverageNorm(gradient, clipNorm));
  }
  const values = t as tf.Tensor;
  return tf.tidy(() => {
    const inverseNorm = tf.rsqrt(tf.sum(tf.square(values)));
    const scale = tf.minimum(tf.mul(inverseNorm, values.size), 1 / clipNorm);
    return tf.mul(tf.mul(values, clipNorm), scale);
  });
}
