import * as tf from '../../backend/tf.js';
import { checkArg } from '../optimizer-args.js';
import { Optimizer, type OptimizerOptions, type SlotReader, type SlotSpec } from '../optimizer.js';

/** Options of {@link MomentumOptimizer}; TensorFlow 1 requires `learningRate` and `momentum`. */
export interface MomentumOptions extends OptimizerOptions {
  /** The decay of the accumulated velocity, in [0, 1]. */
  momentum: number;
  /** Nesterov's accelerated gradient; default false. */
  useNesterov?: boolean;
}

/**
 * Gradient descent with momentum, TensorFlow 1's `tf.train.MomentumOptimizer` (kernel
 * `ApplyMomentum`): `accum = accum * momentum + grad`, then `var -= lr * accum`, or with
 * Nesterov `var -= lr * grad + lr * momentum * accum`. Slot: `momentum` (zeros).
 *
 * @example
 * ```ts
 * const opt = new MomentumOptimizer({ learningRate: 0.1, momentum: 0.9, useNesterov: true });
 * ```
 */
export class MomentumOptimizer extends Optimizer {
  /** The momentum coefficient. */
  readonly momentum: number;
  /** Whether the update is Nesterov's. */
  readonly useNesterov: boolean;

  /**
   * @param options - `learningRate`, `momentum`, `useNesterov` (default false), `name`
   *   (default `Momentum`), `logger`.
   */
  constructor(options: MomentumOptions) {
    super('MomentumOptimizer', 'Momentum', options);
    this.momentum = checkArg(this.owner, 'momentum', options.momentum, 'unitClosed');
    this.useNesterov = options.useNesterov ?? false;
  }

  protected override slotSpecs(): readonly SlotSpec[] {
    return [{ name: 'momentum', initialValue: (v) => tf.zerosLike(v) }];
  }

  protected override applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    slot: SlotReader,
    learningRate: tf.Scalar,
  ): void {
    const accumSlot = slot('momentum');
    const momentum = tf.scalar(this.momentum);
    const accum = tf.add(tf.mul(accumSlot, momentum), grad);
    const delta = this.useNesterov
      ? tf.add(tf.mul(grad, learningRate), tf.mul(tf.mul(accum, momentum), learningRate))
      : tf.mul(accum, learningRate);
    accumSlot.assign(accum);
    variable.assign(tf.sub(variable, delta));
  }
}
