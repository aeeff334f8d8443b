import * as tf from '../../backend/tf.js';
import { checkArg } from '../optimizer-args.js';
import {
  Optimizer,
  type NonSlotSpec,
  type OptimizerOptions,
  type SlotReader,
  type SlotSpec,
} from '../optimizer.js';

/** Options of {@link AdamOptimizer}, with TensorFlow 1's defaults. */
export interface AdamOptions extends Partial<OptimizerOptions> {
  /** The first moment's decay, in [0, 1); default 0.9. */
  beta1?: number;
  /** The second moment's decay, in [0, 1); default 0.999. */
  beta2?: number;
  /** TensorFlow's "epsilon hat", added to √v, ≥ 0; default 1e-8. */
  epsilon?: number;
}

/**
 * Adam, TensorFlow 1's `tf.train.AdamOptimizer` (kernel `ApplyAdam`):
 * `alpha = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)`, `m += (grad−m)(1−β₁)`, `v += (grad²−v)(1−β₂)`,
 * `var -= alpha·m/(√v+ε)`. Slots: `m`, `v` (zeros). Non-slot variables
 * `<name>/beta1_power` and `<name>/beta2_power` hold β₁ᵗ and β₂ᵗ (starting at β₁, β₂) and
 * advance after every batch. Default learning rate 0.001.
 *
 * {@link Optimizer.effectiveLearningRate} is alpha_t of the last batch, `t` the number of
 * batches applied: after global step t, the alpha that made it. TensorFlow 1 advances
 * `_beta1_power` and `_beta2_power` in `_finish`, so after step t they already hold β₁ᵗ⁺¹ and
 * β₂ᵗ⁺¹, and evaluating `lr·√(1−beta2_power)/(1−beta1_power)` there gives the next step's
 * alpha: {@link Optimizer.nextEffectiveLearningRate} here. Both are computed on the host in
 * double precision from `t`; the update computes the same formula in float32 from the
 * beta-power variables, so they agree to float32 rounding.
 *
 * @example
 * ```ts
 * const opt = new AdamOptimizer({ learningRate: 1e-4, beta1: 0.5, beta2: 0.9 });
 * opt.minimize(lossFn, { globalStep });
 * opt.effectiveLearningRate(); // alpha_1, the step size of the batch just applied
 * opt.nextEffectiveLearningRate(); // alpha_2
 * ```
 */
export class AdamOptimizer extends Optimizer {
  /** The first moment's decay. */
  readonly beta1: number;
  /** The second moment's decay. */
  readonly beta2: number;
  /** The term added to √v. */
  readonly epsilon: number;

  /**
   * @param options - `learningRate` (default 0.001), `beta1` (0.9), `beta2` (0.999), `epsilon`
   *   (1e-8), `name` (default `Adam`), `logger`.
   */
  constructor(options: AdamOptions = {}) {
    super('AdamOptimizer', 'Adam', { ...options, learningRate: options.learningRate ?? 0.001 });
    this.beta1 = checkArg(this.owner, 'beta1', options.beta1 ?? 0.9, 'unitOpen');
    this.beta2 = checkArg(this.owner, 'beta2', options.beta2 ?? 0.999, 'unitOpen');
    this.epsilon = checkArg(this.owner, 'epsilon', options.epsilon ?? 1e-8, 'nonNegative');
  }

  protected override slotSpecs(): readonly SlotSpec[] {
    return [
      { name: 'm', initialValue: (v) => tf.zerosLike(v) },
      { name: 'v', initialValue: (v) => tf.zerosLike(v) },
    ];
  }

  protected override nonSlotSpecs(): readonly NonSlotSpec[] {
    return [
      { name: 'beta1_power', initialValue: this.beta1 },
      { name: 'beta2_power', initialValue: this.beta2 },
    ];
  }

  protected override prepare(learningRate: tf.Scalar): tf.Scalar {
    const [beta1Power, beta2Power] = this.#betaPowers();
    return this.#alpha(learningRate, beta1Power, beta2Power);
  }

  protected override stepSize(learningRate: number, t: number): number {
    return (learningRate * Math.sqrt(1 - this.beta2 ** t)) / (1 - this.beta1 ** t);
  }

  protected override applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    slot: SlotReader,
    alpha: tf.Scalar,
  ): void {
    const mSlot = slot('m');
    const vSlot = slot('v');
    const m = tf.add(mSlot, tf.mul(tf.sub(grad, mSlot), tf.sub(1, tf.scalar(this.beta1))));
    const v = tf.add(
      vSlot,
      tf.mul(tf.sub(tf.square(grad), vSlot), tf.sub(1, tf.scalar(this.beta2))),
    );
    mSlot.assign(m);
    vSlot.assign(v);
    variable.assign(tf.sub(variable, tf.div(tf.mul(m, alpha), tf.add(tf.sqrt(v), this.epsilon))));
  }

  protected override finish(): void {
    for (const [name, beta] of [
      ['beta1_power', this.beta1],
      ['beta2_power', this.beta2],
    ] as const) {
      const power = this.nonSlot(name);
      power?.assign(tf.mul(power, tf.scalar(beta)));
    }
  }

  /** β₁ᵗ and β₂ᵗ of the next batch: the variables once created, else β₁ and β₂ (t = 1). */
  #betaPowers(): [tf.Scalar, tf.Scalar] {
    const beta1Power = this.nonSlot('beta1_power') ?? tf.scalar(this.beta1);
    const beta2Power = this.nonSlot('beta2_power') ?? tf.scalar(this.beta2);
    return [beta1Power as tf.Scalar, beta2Power as tf.Scalar];
  }

  #alpha(learningRate: tf.Scalar, beta1Power: tf.Scalar, beta2Power: tf.Scalar): tf.Scalar {
    return tf.div(tf.mul(learningRate, tf.sqrt(tf.sub(1, beta2Power))), tf.sub(1, beta1Power));
  }
}
