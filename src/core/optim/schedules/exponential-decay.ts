import { requireBoolean, requireFinite, requirePositive, type Schedule } from './schedule.js';

/** Options of {@link exponentialDecay}; names follow `tf.train.exponential_decay`. */
export interface ExponentialDecayOptions {
  /** The learning rate at step 0. */
  learningRate: number;
  /** Steps over which the rate is multiplied by `decayRate` once; must be > 0. */
  decaySteps: number;
  /** The factor applied every `decaySteps` steps. */
  decayRate: number;
  /** Decay at whole multiples of `decaySteps` only (`floor(step / decaySteps)`); default false. */
  staircase?: boolean;
}

/**
 * Exponential decay, as `tf.train.exponential_decay`:
 * `learningRate * decayRate ^ (step / decaySteps)`, with the exponent floored when `staircase`.
 *
 * @example
 * ```ts
 * const lr = schedules.exponentialDecay({ learningRate: 0.1, decaySteps: 1000, decayRate: 0.96 });
 * lr(500); // 0.1 * 0.96 ** 0.5
 * ```
 * @param options - the initial rate, how fast it decays and whether in steps.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number or `decaySteps` is not positive.
 */
export function exponentialDecay(options: ExponentialDecayOptions): Schedule {
  const name = 'exponentialDecay';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(name, 'decaySteps', options.decaySteps);
  const decayRate = requireFinite(name, 'decayRate', options.decayRate);
  const staircase = requireBoolean(name, 'staircase', options.staircase ?? false);
  return (step) => {
    const p = step / decaySteps;
    return learningRate * decayRate ** (staircase ? Math.floor(p) : p);
  };
}
