import { OptimizerError } from './optimizer-error.js';

/**
 * A learning rate: a fixed number, or a schedule giving the rate at a global step (see
 * `schedules.exponentialDecay` and friends).
 */
export type LearningRate = number | ((step: number) => number);

/**
 * Checks one hyperparameter of an optimizer's constructor, so a bad value fails where it is
 * written rather than as NaN weights many steps later.
 *
 * @param owner - the optimizer class, for the message (`AdamOptimizer`).
 * @param arg - the argument's name (`beta1`).
 * @param value - the value given.
 * @param rule - `nonNegative` (≥ 0), `positive` (> 0), `nonPositive` (≤ 0), `unitOpen` ([0, 1))
 *   or `unitClosed` ([0, 1]).
 * @returns the value, when it is valid.
 * @throws OptimizerError naming the argument and the allowed range.
 */
export function checkArg(owner: string, arg: string, value: number, rule: ArgRule): number {
  const [ok, range] = RULES[rule];
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new OptimizerError(
      `${owner}: ${arg} must be ${range}, got ${String(value)}; pass a valid ${arg} to the constructor`,
    );
  }
  return value;
}

/** The ranges {@link checkArg} knows. */
export type ArgRule = 'nonNegative' | 'positive' | 'nonPositive' | 'unitOpen' | 'unitClosed';

const RULES: Record<ArgRule, [(value: number) => boolean, string]> = {
  nonNegative: [(v) => v >= 0, 'a finite number ≥ 0'],
  positive: [(v) => v > 0, 'a finite number > 0'],
  nonPositive: [(v) => v <= 0, 'a finite number ≤ 0'],
  unitOpen: [(v) => v >= 0 && v < 1, 'in [0, 1)'],
  unitClosed: [(v) => v >= 0 && v <= 1, 'in [0, 1]'],
};

/**
 * Checks a learning rate given as a number, or accepts a schedule (checked when evaluated).
 *
 * @param owner - the optimizer class, for the message.
 * @param learningRate - the rate or schedule.
 * @returns the learning rate, when it is valid.
 * @throws OptimizerError when a number is negative or not finite, or it is neither kind.
 */
export function checkLearningRate(owner: string, learningRate: LearningRate): LearningRate {
  if (typeof learningRate === 'function') return learningRate;
  return checkArg(owner, 'learningRate', learningRate, 'nonNegative');
}

/**
 * Evaluates a learning rate at a step and checks the result.
 *
 * @param owner - the optimizer class, for the message.
 * @param learningRate - the rate or schedule.
 * @param step - the global step to evaluate a schedule at.
 * @returns the rate, a finite number ≥ 0.
 * @throws OptimizerError when the schedule returns a negative or non-finite rate.
 */
export function evaluateLearningRate(
  owner: string,
  learningRate: LearningRate,
  step: number,
): number {
  if (typeof learningRate === 'number') return learningRate;
  const value = learningRate(step);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new OptimizerError(
      `${owner}: the learning-rate schedule returned ${String(value)} at step ${step}; ` +
        'a schedule must return a finite number ≥ 0',
    );
  }
  return value;
}
