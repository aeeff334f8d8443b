import { requireBoolean, requireFinite, requirePositive, type Schedule } from './schedule.js';

/**
 * Options shared by the decays TF1 defines through `global_step / decay_steps` and a rate
 * (`exponential_decay`, `natural_exp_decay`, `inverse_time_decay`).
 */
export interface RateDecayOptions {
  /** The learning rate at step 0. */
  learningRate: number;
  /** Steps per unit of decay progress (`step / decaySteps`); must be > 0. */
  decaySteps: number;
  /** How fast the rate decays; its role is given by each schedule's formula. */
  decayRate: number;
  /** Floor the progress `step / decaySteps`, so the rate changes in steps; default false. */
  staircase?: boolean;
}

/**
 * Validates {@link RateDecayOptions} once and builds the schedule around a decay curve.
 *
 * @param schedule - the schedule's name, for errors.
 * @param options - the user's options.
 * @param curve - the rate at a (possibly floored) progress `step / decaySteps`.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number or `decaySteps` is not positive.
 */
export function rateDecay(
  schedule: string,
  options: RateDecayOptions,
  curve: (learningRate: number, decayRate: number, progress: number) => number,
): Schedule {
  const learningRate = requireFinite(schedule, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(schedule, 'decaySteps', options.decaySteps);
  const decayRate = requireFinite(schedule, 'decayRate', options.decayRate);
  const staircase = requireBoolean(schedule, 'staircase', options.staircase ?? false);
  return (step) => {
    const progress = step / decaySteps;
    return curve(learningRate, decayRate, staircase ? Math.floor(progress) : progress);
  };
}
