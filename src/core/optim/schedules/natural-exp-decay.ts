import { requireBoolean, requireFinite, requirePositive, type Schedule } from './schedule.js';

/** Options of {@link naturalExpDecay}; names follow `tf.train.natural_exp_decay`. */
export interface NaturalExpDecayOptions {
  /** The learning rate at step 0. */
  learningRate: number;
  /** Steps per unit of the exponent; must be > 0. */
  decaySteps: number;
  /** The rate `k` in `exp(-k * step / decaySteps)`. */
  decayRate: number;
  /** Floor `step / decaySteps`; default false. */
  staircase?: boolean;
}

/**
 * Natural exponential decay, as `tf.train.natural_exp_decay`:
 * `learningRate * exp(-decayRate * step / decaySteps)`, the ratio floored when `staircase`.
 *
 * @example
 * ```ts
 * const lr = schedules.naturalExpDecay({ learningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
 * lr(10); // 0.1 * Math.exp(-0.5)
 * ```
 * @param options - the initial rate, the decay rate and whether to decay in steps.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number or `decaySteps` is not positive.
 */
export function naturalExpDecay(options: NaturalExpDecayOptions): Schedule {
  const name = 'naturalExpDecay';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(name, 'decaySteps', options.decaySteps);
  const decayRate = requireFinite(name, 'decayRate', options.decayRate);
  const staircase = requireBoolean(name, 'staircase', options.staircase ?? false);
  return (step) => {
    const p = step / decaySteps;
    return learningRate * Math.exp(-decayRate * (staircase ? Math.floor(p) : p));
  };
}
