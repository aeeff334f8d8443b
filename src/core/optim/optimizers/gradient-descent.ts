import * as tf from '../../backend/tf.js';
import { Optimizer, type OptimizerOptions, type SlotReader, type SlotSpec } from '../optimizer.js';

/** Options of {@link GradientDescentOptimizer}; TensorFlow 1 requires the learning rate. */
export type GradientDescentOptions = OptimizerOptions;

/**
 * Plain gradient descent, TensorFlow 1's `tf.train.GradientDescentOptimizer`:
 * `var -= learningRate * grad`. It keeps no slots.
 *
 * @example
 * ```ts
 * const sgd = new GradientDescentOptimizer({ learningRate: 0.01 });
 * sgd.minimize(() => loss(), { globalStep });
 * ```
 */
export class GradientDescentOptimizer extends Optimizer {
  /**
   * @param options - `learningRate` (required), `name` (default `GradientDescent`), `logger`.
   */
  constructor(options: GradientDescentOptions) {
    super('GradientDescentOptimizer', 'GradientDescent', options);
  }

  protected override slotSpecs(): readonly SlotSpec[] {
    return [];
  }

  protected override applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    _slot: SlotReader,
    learningRate: tf.Scalar,
  ): void {
    variable.assign(tf.sub(variable, tf.mul(grad, learningRate)));
  }
}
