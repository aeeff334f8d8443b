import * as tf from '../../backend/tf.js';
import { requireClipNumber } from './clip-error.js';
import { globalNorm, type TensorList } from './global-norm.js';
import {
  isGradsAndVars,
  mapGradients,
  type ClippedGradsAndVars,
  type GradsAndVarsList,
} from './grads-and-vars.js';

/** What {@link clipByGlobalNorm} returns; every tensor in it is new and the caller's to dispose. */
export interface GlobalNormClip<L> {
  /** The clipped tensors, in the input's order and form, `null` entries kept. */
  clipped: L;
  /** The global norm before clipping (or `useNorm` when given). */
  globalNorm: tf.Scalar;
}

/**
 * Scales several tensors by one common factor so that their global norm is at most
 * `clipNorm`, as `tf.clip_by_global_norm`: each becomes
 * `t * clipNorm / max(globalNorm, clipNorm)`. This is the clip that keeps the gradient's
 * direction (Pascanu et al., 2013). `null` entries pass through. As in TensorFlow, when the
 * global norm is infinite or NaN every clipped tensor is all NaN, so the failure shows instead
 * of a silently zeroed update; a zero norm leaves the tensors unchanged.
 *
 * @example
 * ```ts
 * const { gradsAndVars } = optimizer.computeGradients(() => criticLoss());
 * const { clipped, globalNorm } = clipByGlobalNorm(gradsAndVars, 5);
 * optimizer.applyGradients(clipped);
 * ```
 * @param list - tensors (or nulls), or `[gradient, variable]` pairs.
 * @param clipNorm - the largest global norm allowed; must be > 0.
 * @param useNorm - the global norm, when already computed; default computed with `globalNorm`.
 * @returns the clipped list and the global norm.
 * @throws ClipError when `clipNorm` is not a finite number greater than 0.
 */
export function clipByGlobalNorm(
  list: TensorList,
  clipNorm: number,
  useNorm?: tf.Scalar | number,
): GlobalNormClip<Array<tf.Tensor | null>>;
export function clipByGlobalNorm(
  list: GradsAndVarsList,
  clipNorm: number,
  useNorm?: tf.Scalar | number,
): GlobalNormClip<ClippedGradsAndVars>;
export function clipByGlobalNorm(
  list: TensorList | GradsAndVarsList,
  clipNorm: number,
  useNorm?: tf.Scalar | number,
): GlobalNormClip<Array<tf.Tensor | null> | ClippedGradsAndVars> {
  requireClipNumber('clipByGlobalNorm', 'clipNorm', clipNorm, true);
  const norm = normOf(list, useNorm);
  const scale = tf.tidy(() => {
    const finiteScale = tf.mul(clipNorm, tf.minimum(tf.div(1, norm), 1 / clipNorm));
    // norm - norm is 0 for a finite norm and NaN for ±Infinity or NaN.
    return tf.add(finiteScale, tf.sub(norm, norm));
  });
  const scaleOne = (t: tf.Tensor): tf.Tensor => tf.mul(t, scale);
  const clipped = isGradsAndVars(list)
    ? mapGradients(list, scaleOne)
    : (list as TensorList).map((t) => (t === null ? null : scaleOne(t)));
  scale.dispose();
  return { clipped, globalNorm: norm };
}

function normOf(list: TensorList | GradsAndVarsList, useNorm?: tf.Scalar | number): tf.Scalar {
  if (useNorm === undefined) return globalNorm(list);
  return typeof useNorm === 'number' ? tf.scalar(useNorm) : tf.clone(useNorm);
}
