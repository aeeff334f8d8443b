import { requireBoolean, requireFinite, requirePositive, type Schedule } from './schedule.js';

/** Options of {@link inverseTimeDecay}; names follow `tf.train.inverse_time_decay`. */
export interface InverseTimeDecayOptions {
  /** The learning rate at step 0. */
  learningRate: number;
  /** Steps per unit of decay; must be > 0. */
  decaySteps: number;
  /** The rate `k` in `1 / (1 + k * step / decaySteps)`. */
  decayRate: number;
  /** Floor `step / decaySteps`; default false. */
  staircase?: boolean;
}

/**
 * Inverse time decay, as `tf.train.inverse_time_decay`:
 * `learningRate / (1 + decayRate * step / decaySteps)`, the ratio floored when `staircase`.
 *
 * @example
 * ```ts
 * const lr = schedules.inverseTimeDecay({ learningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
 * lr(2); // 0.1 / 2
 * ```
 * @param options - the initial rate, the decay rate and whether to decay in steps.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number or `decaySteps` is not positive.
 */
export function inverseTimeDecay(options: InverseTimeDecayOptions): Schedule {
  const name = 'inverseTimeDecay';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(name, 'decaySteps', options.decaySteps);
  const decayRate = requireFinite(name, 'decayRate', options.decayRate);
  const staircase = requireBoolean(name, 'staircase', options.staircase ?? false);
  return (step) => {
    const p = step / decaySteps;
    return learningRate / (1 + decayRate * (staircase ? Math.floor(p) : p));
  };
}
