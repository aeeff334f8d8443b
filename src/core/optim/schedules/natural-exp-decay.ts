import { rateDecay, type RateDecayOptions } from './rate-decay.js';
import type { Schedule } from './schedule.js';

/** Options of {@link naturalExpDecay}; names follow `tf.train.natural_exp_decay`. */
export type NaturalExpDecayOptions = RateDecayOptions;

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
  return rateDecay('naturalExpDecay', options, (rate, decay, p) => rate * Math.exp(-decay * p));
}
