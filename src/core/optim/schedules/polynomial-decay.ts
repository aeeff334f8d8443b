import { requireBoolean, requireFinite, requirePositive, type Schedule } from './schedule.js';

/** Options of {@link polynomialDecay}; names follow `tf.train.polynomial_decay`. */
export interface PolynomialDecayOptions {
  /** The learning rate at step 0. */
  learningRate: number;
  /** Steps to go from `learningRate` to `endLearningRate`; must be > 0. */
  decaySteps: number;
  /** The rate reached after `decaySteps`; default 0.0001. */
  endLearningRate?: number;
  /** The polynomial's power; default 1 (linear). */
  power?: number;
  /** Past `decaySteps`, decay again over the next multiple of `decaySteps`; default false. */
  cycle?: boolean;
}

/**
 * Polynomial decay, as `tf.train.polynomial_decay`:
 * `(learningRate - endLearningRate) * (1 - step / decaySteps) ^ power + endLearningRate`, with
 * `step` held at `decaySteps` once past it, or, when `cycle`, `decaySteps` stretched to the first
 * multiple of itself that is at least `step` (one multiple at step 0).
 *
 * @example
 * ```ts
 * const lr = schedules.polynomialDecay({ learningRate: 0.05, decaySteps: 10, endLearningRate: 0 });
 * lr(5); // 0.025
 * ```
 * @param options - start and end rates, the length of the decay, its power and whether it cycles.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number or `decaySteps` is not positive.
 */
export function polynomialDecay(options: PolynomialDecayOptions): Schedule {
  const name = 'polynomialDecay';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(name, 'decaySteps', options.decaySteps);
  const endLearningRate = requireFinite(name, 'endLearningRate', options.endLearningRate ?? 0.0001);
  const power = requireFinite(name, 'power', options.power ?? 1);
  const cycle = requireBoolean(name, 'cycle', options.cycle ?? false);
  return (step) => {
    let steps = decaySteps;
    let clamped = step;
    if (cycle) {
      steps = decaySteps * (step === 0 ? 1 : Math.ceil(step / decaySteps));
    } else {
      clamped = Math.min(step, decaySteps);
    }
    return (learningRate - endLearningRate) * (1 - clamped / steps) ** power + endLearningRate;
  };
}
