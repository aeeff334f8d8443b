import { MovingAverageError } from './moving-average-error.js';

/**
 * Where a step count comes from: a fixed number, a function read at each use, or an object
 * with a `value` (a global step), so the trainer can pass its generator step.
 */
export type StepSource = number | (() => number) | { readonly value: number };

/**
 * Reads a step source now.
 *
 * @param source - the number, getter or `{ value }` object.
 * @param argument - the argument's name, for the error message.
 * @returns the current count.
 * @throws MovingAverageError when the count is not a finite number.
 */
export function readStep(source: StepSource, argument: string): number {
  const value =
    typeof source === 'number' ? source : typeof source === 'function' ? source() : source.value;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MovingAverageError(`${argument} must give a finite number, got ${String(value)}`);
  }
  return value;
}
