import * as tf from '../../backend/tf.js';
import { checkArg } from '../optimizer-args.js';
import { Optimizer, type OptimizerOptions, type SlotReader, type SlotSpec } from '../optimizer.js';

/** Options of {@link FtrlOptimizer}; TensorFlow 1 requires the learning rate. */
export interface FtrlOptions extends OptimizerOptions {
  /** How the per-coordinate rate falls as gradients accumulate, ≤ 0; default −0.5. */
  learningRatePower?: number;
  /** The `accum` slot's starting value, ≥ 0; default 0.1. */
  initialAccumulatorValue?: number;
  /** L1 regularization strength, ≥ 0; default 0. */
  l1RegularizationStrength?: number;
  /** L2 regularization strength, ≥ 0; default 0. */
  l2RegularizationStrength?: number;
  /** L2 shrinkage (a penalty on the weights added to the gradient), ≥ 0; default 0. */
  l2ShrinkageRegularizationStrength?: number;
  /** TensorFlow's `beta`, folded into L2 as `l2 + beta / (2·lr)`, ≥ 0; default 0. */
  beta?: number;
}

type NumericOption = Exclude<keyof FtrlOptions, keyof OptimizerOptions>;

/**
 * FTRL-Proximal, TensorFlow 1's `tf.train.FtrlOptimizer` (kernels `ApplyFtrl`, `ApplyFtrlV2`):
 * with `g' = grad + 2·l2_shrinkage·var` and `accum' = accum + grad²`,
 * `linear += g' − (accum'^−p − accum^−p)/lr · var`, then
 * `var = (sign(linear)·l1 − linear) / (accum'^−p/lr + 2·l2)` where `|linear| > l1`, else 0.
 * Slots: `accum` (starting at `initialAccumulatorValue`) and `linear` (zeros).
 *
 * @example
 * ```ts
 * const opt = new FtrlOptimizer({ learningRate: 3, l1RegularizationStrength: 0.001 });
 * ```
 */
export class FtrlOptimizer extends Optimizer {
  /** The power p of the per-coordinate rate `lr / accum^−p`. */
  readonly learningRatePower: number;
  /** The `accum` slot's starting value. */
  readonly initialAccumulatorValue: number;
  /** L1 regularization strength. */
  readonly l1RegularizationStrength: number;
  /** L2 regularization strength. */
  readonly l2RegularizationStrength: number;
  /** L2 shrinkage strength. */
  readonly l2ShrinkageRegularizationStrength: number;
  /** TensorFlow's `beta`. */
  readonly beta: number;

  /**
   * @param options - `learningRate`, `learningRatePower` (−0.5), `initialAccumulatorValue`
   *   (0.1), the three regularization strengths (0), `beta` (0), `name` (default `Ftrl`), `logger`.
   */
  constructor(options: FtrlOptions) {
    super('FtrlOptimizer', 'Ftrl', options);
    const arg = (name: NumericOption, fallback: number, rule: 'nonNegative' | 'nonPositive') =>
      checkArg(this.owner, name, options[name] ?? fallback, rule);
    this.learningRatePower = arg('learningRatePower', -0.5, 'nonPositive');
    this.initialAccumulatorValue = arg('initialAccumulatorValue', 0.1, 'nonNegative');
    this.l1RegularizationStrength = arg('l1RegularizationStrength', 0, 'nonNegative');
    this.l2RegularizationStrength = arg('l2RegularizationStrength', 0, 'nonNegative');
    this.l2ShrinkageRegularizationStrength = arg(
      'l2ShrinkageRegularizationStrength',
      0,
      'nonNegative',
    );
    this.beta = arg('beta', 0, 'nonNegative');
  }

  protected override slotSpecs(): readonly SlotSpec[] {
    const initial = this.initialAccumulatorValue;
    return [
      { name: 'accum', initialValue: (v) => tf.fill(v.shape, initial) },
      { name: 'linear', initialValue: (v) => tf.zerosLike(v) },
    ];
  }

  protected override applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    slot: SlotReader,
    learningRate: tf.Scalar,
  ): void {
    const accumSlot = slot('accum');
    const linearSlot = slot('linear');
    const l1 = tf.scalar(this.l1RegularizationStrength);
    const gradWithShrinkage = tf.add(
      grad,
      tf.mul(variable, 2 * this.l2ShrinkageRegularizationStrength),
    );
    const accum = tf.add(accumSlot, tf.square(grad));
    const accumPower = this.#power(accum);
    const linear = tf.add(
      linearSlot,
      tf.sub(
        gradWithShrinkage,
        tf.mul(tf.div(tf.sub(accumPower, this.#power(accumSlot)), learningRate), variable),
      ),
    );
    const quadratic = tf.add(tf.div(accumPower, learningRate), tf.mul(2, this.#l2(learningRate)));
    const preShrink = tf.div(tf.sub(tf.mul(tf.sign(linear), l1), linear), quadratic);
    const updated = tf.where(tf.greater(tf.abs(linear), l1), preShrink, tf.zerosLike(preShrink));
    linearSlot.assign(linear);
    accumSlot.assign(accum);
    variable.assign(updated);
  }

  /** `accum^−p`, with TensorFlow's exact square root for the default p = −0.5. */
  #power(accum: tf.Tensor): tf.Tensor {
    return this.learningRatePower === -0.5
      ? tf.sqrt(accum)
      : tf.pow(accum, -this.learningRatePower);
  }

  /** L2 with `beta` folded in, as TensorFlow's `_adjusted_l2_regularization_strength`. */
  #l2(learningRate: tf.Scalar): tf.Scalar {
    const l2 = tf.scalar(this.l2RegularizationStrength);
    if (this.beta === 0) return l2;
    return tf.add(l2, tf.div(this.beta, tf.mul(2, tf.maximum(learningRate, 1e-36))));
  }
}
