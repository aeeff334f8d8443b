import type * as tf from '../../backend/tf.js';

/**
 * One entry of what `computeGradients` returns and `applyGradients` takes: a variable's
 * gradient (`null` when the loss does not depend on it) and the variable.
 */
export type GradAndVarEntry = readonly [tf.Tensor | null, tf.Variable];

/** A list of gradients with their variables, as `computeGradients` returns it. */
export type GradsAndVarsList = ReadonlyArray<GradAndVarEntry>;

/** What the clipping functions return for a {@link GradsAndVarsList}: new gradients, same variables. */
export type ClippedGradsAndVars = Array<[tf.Tensor | null, tf.Variable]>;

/**
 * Whether `value` is a gradients-and-variables list rather than a tensor or a tensor list.
 *
 * @param value - a tensor, a list of tensors (or nulls), or a list of pairs.
 * @returns true when the entries are `[gradient, variable]` pairs.
 */
export function isGradsAndVars(value: unknown): value is GradsAndVarsList {
  return Array.isArray(value) && value.some((entry) => Array.isArray(entry));
}

/**
 * Applies a per-tensor clip to every gradient of a list, passing `null` gradients through.
 *
 * @param gradsAndVars - the gradients and their variables.
 * @param clip - the clip to apply to one gradient.
 * @returns new pairs with the clipped gradients and the same variables.
 */
export function mapGradients(
  gradsAndVars: GradsAndVarsList,
  clip: (gradient: tf.Tensor) => tf.Tensor,
): ClippedGradsAndVars {
  return gradsAndVars.map(([gradient, variable]) => [
    gradient === null ? null : clip(gradient),
    variable,
  ]);
}
