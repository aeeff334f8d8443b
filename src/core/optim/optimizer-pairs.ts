import * as tf from '../backend/tf.js';
import type { GradAndVar } from './gradients.js';
import { OptimizerError } from './optimizer-error.js';

/**
 * Checks `[grad, variable]` pairs before an update and keeps those with a gradient, the way
 * TensorFlow 1's `apply_gradients` does: a variable may appear once, a gradient must have its
 * variable's shape, and at least one gradient must be present.
 *
 * @param owner - the optimizer class, for messages.
 * @param gradsAndVars - the pairs given to `applyGradients`.
 * @param onMissing - called for each variable whose gradient is `null`.
 * @returns the pairs that have a gradient, in order.
 * @throws OptimizerError on a repeated variable, a shape mismatch, or no gradient at all.
 */
export function usablePairs(
  owner: string,
  gradsAndVars: GradAndVar[],
  onMissing: (variable: tf.Variable) => void,
): [tf.Tensor, tf.Variable][] {
  const seen = new Set<string>();
  const usable: [tf.Tensor, tf.Variable][] = [];
  for (const [grad, variable] of gradsAndVars) {
    if (seen.has(variable.name)) {
      throw new OptimizerError(
        `${owner}.applyGradients: variable ${variable.name} appears twice; sum its gradients first`,
      );
    }
    seen.add(variable.name);
    if (grad === null) {
      onMissing(variable);
      continue;
    }
    if (!tf.util.arraysEqual(grad.shape, variable.shape)) {
      throw new OptimizerError(
        `${owner}.applyGradients: the gradient of ${variable.name} has shape ` +
          `[${grad.shape.join(', ')}] but the variable has shape [${variable.shape.join(', ')}]`,
      );
    }
    usable.push([grad, variable]);
  }
  if (usable.length === 0) {
    throw new OptimizerError(
      `${owner}.applyGradients: no gradients provided for any variable ` +
        `(${[...seen].join(', ')}); check that the loss is computed from them`,
    );
  }
  return usable;
}
