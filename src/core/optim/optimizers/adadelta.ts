import * as tf from '../../backend/tf.js';
import { checkArg } from '../optimizer-args.js';
import { Optimizer, type OptimizerOptions, type SlotReader, type SlotSpec } from '../optimizer.js';

/** Options of {@link AdadeltaOptimizer}, with TensorFlow 1's defaults. */
export interface AdadeltaOptions extends Partial<OptimizerOptions> {
  /** The decay of both accumulators, in [0, 1]; default 0.95. */
  rho?: number;
  /** Added inside the square roots, ≥ 0; default 1e-8. */
  epsilon?: number;
}

/**
 * Adadelta, TensorFlow 1's `tf.train.AdadeltaOptimizer` (kernel `ApplyAdadelta`):
 * `accum = rho·accum + (1−rho)·grad²`, `update = √(accum_update+ε) / √(accum+ε) · grad`,
 * `accum_update = rho·accum_update + (1−rho)·update²`, `var -= lr · update`.
 * Slots: `accum`, `accum_update` (zeros). Default learning rate 0.001.
 *
 * @example
 * ```ts
 * const opt = new AdadeltaOptimizer({ learningRate: 1.0, rho: 0.95, epsilon: 1e-6 });
 * ```
 */
export class AdadeltaOptimizer extends Optimizer {
  /** The accumulators' decay. */
  readonly rho: number;
  /** The ridge term inside the square roots. */
  readonly epsilon: number;

  /**
   * @param options - `learningRate` (default 0.001), `rho` (0.95), `epsilon` (1e-8), `name`
   *   (default `Adadelta`), `logger`.
   */
  constructor(options: AdadeltaOptions = {}) {
    super('AdadeltaOptimizer', 'Adadelta', {
      ...options,
      learningRate: options.learningRate ?? 0.001,
    });
    this.rho = checkArg(this.owner, 'rho', options.rho ?? 0.95, 'unitClosed');
    this.epsilon = checkArg(this.owner, 'epsilon', options.epsilon ?? 1e-8, 'nonNegative');
  }

  protected override slotSpecs(): readonly SlotSpec[] {
    return [
      { name: 'accum', initialValue: (v) => tf.zerosLike(v) },
      { name: 'accum_update', initialValue: (v) => tf.zerosLike(v) },
    ];
  }

  protected override applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    slot: SlotReader,
    learningRate: tf.Scalar,
  ): void {
    const accumSlot = slot('accum');
    const accumUpdateSlot = slot('accum_update');
    const rho = tf.scalar(this.rho);
    const oneMinusRho = tf.sub(1, rho);
    const epsilon = tf.scalar(this.epsilon);
    const accum = tf.add(tf.mul(accumSlot, rho), tf.mul(tf.square(grad), oneMinusRho));
    const update = tf.mul(
      tf.mul(tf.sqrt(tf.add(accumUpdateSlot, epsilon)), tf.rsqrt(tf.add(accum, epsilon))),
      grad,
    );
    const accumUpdate = tf.add(
      tf.mul(accumUpdateSlot, rho),
      tf.mul(tf.square(update), oneMinusRho),
    );
    accumSlot.assign(accum);
    accumUpdateSlot.assign(accumUpdate);
    variable.assign(tf.sub(variable, tf.mul(update, learningRate)));
  }
}
