import * as tf from '../../backend/tf.js';
import { checkArg } from '../optimizer-args.js';
import { Optimizer, type OptimizerOptions, type SlotReader, type SlotSpec } from '../optimizer.js';

/** Options of {@link AdagradOptimizer}; TensorFlow 1 requires the learning rate. */
export interface AdagradOptions extends OptimizerOptions {
  /** The accumulator's starting value, > 0; default 0.1. */
  initialAccumulatorValue?: number;
}

/**
 * Adagrad, TensorFlow 1's `tf.train.AdagradOptimizer` (kernel `ApplyAdagrad`):
 * `accum += grad²`, then `var -= lr * grad / √accum`. Slot: `accumulator`, starting at
 * `initialAccumulatorValue`.
 *
 * @example
 * ```ts
 * const opt = new AdagradOptimizer({ learningRate: 0.1, initialAccumulatorValue: 0.1 });
 * ```
 */
export class AdagradOptimizer extends Optimizer {
  /** The accumulator's starting value. */
  readonly initialAccumulatorValue: number;

  /**
   * @param options - `learningRate`, `initialAccumulatorValue` (default 0.1), `name`
   *   (default `Adagrad`), `logger`.
   */
  constructor(options: AdagradOptions) {
    super('AdagradOptimizer', 'Adagrad', options);
    this.initialAccumulatorValue = checkArg(
      this.owner,
      'initialAccumulatorValue',
      options.initialAccumulatorValue ?? 0.1,
      'positive',
    );
  }

  protected override slotSpecs(): readonly SlotSpec[] {
    const initial = this.initialAccumulatorValue;
    return [{ name: 'accumulator', initialValue: (v) => tf.fill(v.shape, initial) }];
  }

  protected override applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    slot: SlotReader,
    learningRate: tf.Scalar,
  ): void {
    const accumSlot = slot('accumulator');
    const accum = tf.add(accumSlot, tf.square(grad));
    accumSlot.assign(accum);
    variable.assign(tf.sub(variable, tf.mul(tf.mul(grad, learningRate), tf.rsqrt(accum))));
  }
}
