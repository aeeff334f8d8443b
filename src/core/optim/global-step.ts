import * as tf from '../backend/tf.js';
import { OptimizerError } from './optimizer-error.js';

/**
 * A named counter of training batches, TensorFlow 1's `global_step` variable.
 *
 * gantry keeps one per network (`global_step/critic`, `global_step/generator`). An optimizer's
 * `applyGradients(..., { globalStep })` evaluates its learning-rate schedule at the current
 * value and increments it by one after the variables are updated. Checkpoints save `name` and
 * `value` and restore with {@link GlobalStep.assign}, so a run restored at step 100 that
 * applies 100 more batches ends at 200.
 *
 * The count lives in JavaScript, not in a `tf.Variable`: it is read every step (schedules,
 * hooks, event payloads) and a device read would stall the backend each time.
 *
 * @example
 * ```ts
 * const steps = new GlobalStep('global_step/critic');
 * optimizer.applyGradients(gradsAndVars, { globalStep: steps });
 * steps.value; // 1
 * ```
 */
export class GlobalStep {
  /** The TensorFlow-style name checkpoints and summaries use, e.g. `global_step/critic`. */
  readonly name: string;
  #value: number;

  /**
   * Creates a counter.
   *
   * @param name - the TensorFlow-style name; default `global_step`.
   * @param initialValue - the starting count, a non-negative integer; default 0.
   */
  constructor(name = 'global_step', initialValue = 0) {
    if (name.length === 0) {
      throw new OptimizerError(
        'GlobalStep: name must be a non-empty string like global_step/critic',
      );
    }
    this.name = name;
    this.#value = checkCount(name, initialValue);
  }

  /** The number of batches counted so far. */
  get value(): number {
    return this.#value;
  }

  /**
   * Adds to the count; an optimizer calls this once per applied batch.
   *
   * @param by - how much to add, a non-negative integer; default 1.
   * @returns the new count.
   */
  increment(by = 1): number {
    this.#value = checkCount(this.name, this.#value + checkCount(this.name, by));
    return this.#value;
  }

  /**
   * Sets the count, as a checkpoint restore does.
   *
   * @param value - the new count, a non-negative integer.
   */
  assign(value: number): void {
    this.#value = checkCount(this.name, value);
  }

  /** The key a checkpoint files this counter under (its `name`); see `Checkpointable`. */
  get checkpointName(): string {
    return this.name;
  }

  /**
   * The state a checkpoint saves: the count.
   *
   * @returns the count, a plain JSON number.
   */
  stateDict(): number {
    return this.#value;
  }

  /**
   * Restores a count saved by {@link GlobalStep.stateDict}.
   *
   * @param state - the saved count.
   * @throws OptimizerError when it is not a non-negative integer.
   */
  loadStateDict(state: unknown): void {
    this.assign(state as number);
  }

  /**
   * The count as an int32 scalar tensor, for schedules written with tensor ops.
   *
   * @returns a new tensor the caller disposes.
   */
  toTensor(): tf.Scalar {
    return tf.scalar(this.#value, 'int32');
  }
}

function checkCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new OptimizerError(
      `GlobalStep ${name}: the count must be a non-negative integer, got ${String(value)}`,
    );
  }
  return value;
}
