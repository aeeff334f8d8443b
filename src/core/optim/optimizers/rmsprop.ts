import * as tf from '../../backend/tf.js';
import { checkArg } from '../optimizer-args.js';
import { Optimizer, type OptimizerOptions, type SlotReader, type SlotSpec } from '../optimizer.js';

/** Options of {@link RMSPropOptimizer}; TensorFlow 1 requires the learning rate. */
export interface RMSPropOptions extends OptimizerOptions {
  /** The decay of the mean square (TensorFlow's `rho`), in [0, 1); default 0.9. */
  decay?: number;
  /** The momentum of the update, in [0, 1]; default 0. */
  momentum?: number;
  /** Added to the mean square before its root, ≥ 0; default 1e-10. */
  epsilon?: number;
  /** Divide by the variance (mean square minus squared mean) instead; default false. */
  centered?: boolean;
}

/**
 * RMSProp, TensorFlow 1's `tf.train.RMSPropOptimizer` (kernels `ApplyRMSProp`,
 * `ApplyCenteredRMSProp`): `rms += (grad²−rms)(1−decay)`; centered also
 * `mg += (grad−mg)(1−decay)` and uses `rms − mg²`; `mom = momentum·mom + lr·grad/√(denom+ε)`;
 * `var -= mom`. Slots: `rms` starting at ONES as in TensorFlow 1 (Keras and TensorFlow.js
 * start at zeros, which makes the first steps much larger), `momentum` (zeros), and when
 * centered `mg` (zeros).
 *
 * @example
 * ```ts
 * const opt = new RMSPropOptimizer({ learningRate: 5e-5 }); // the WGAN paper's critic
 * ```
 */
export class RMSPropOptimizer extends Optimizer {
  /** The mean square's decay. */
  readonly decay: number;
  /** The update's momentum. */
  readonly momentum: number;
  /** The ridge term. */
  readonly epsilon: number;
  /** Whether the mean gradient is subtracted. */
  readonly centered: boolean;

  /**
   * @param options - `learningRate`, `decay` (0.9), `momentum` (0), `epsilon` (1e-10),
   *   `centered` (false), `name` (default `RMSProp`), `logger`.
   */
  constructor(options: RMSPropOptions) {
    super('RMSPropOptimizer', 'RMSProp', options);
    this.decay = checkArg(this.owner, 'decay', options.decay ?? 0.9, 'unitOpen');
    this.momentum = checkArg(this.owner, 'momentum', options.momentum ?? 0, 'unitClosed');
    this.epsilon = checkArg(this.owner, 'epsilon', options.epsilon ?? 1e-10, 'nonNegative');
    this.centered = options.centered ?? false;
  }

  protected override slotSpecs(): readonly SlotSpec[] {
    const slots: SlotSpec[] = [
      { name: 'rms', initialValue: (v) => tf.onesLike(v) },
      { name: 'momentum', initialValue: (v) => tf.zerosLike(v) },
    ];
    if (this.centered) slots.push({ name: 'mg', initialValue: (v) => tf.zerosLike(v) });
    return slots;
  }

  protected override applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    slot: SlotReader,
    learningRate: tf.Scalar,
  ): void {
    const rmsSlot = slot('rms');
    const momSlot = slot('momentum');
    const oneMinusDecay = tf.sub(1, tf.scalar(this.decay));
    const rms = tf.add(rmsSlot, tf.mul(tf.sub(tf.square(grad), rmsSlot), oneMinusDecay));
    let variance: tf.Tensor = rms;
    if (this.centered) {
      const mgSlot = slot('mg');
      const mg = tf.add(mgSlot, tf.mul(tf.sub(grad, mgSlot), oneMinusDecay));
      mgSlot.assign(mg);
      variance = tf.sub(rms, tf.square(mg));
    }
    const step = tf.div(tf.mul(grad, learningRate), tf.sqrt(tf.add(variance, this.epsilon)));
    const mom = tf.add(tf.mul(momSlot, this.momentum), step);
    rmsSlot.assign(rms);
    momSlot.assign(mom);
    variable.assign(tf.sub(variable, mom));
  }
}
