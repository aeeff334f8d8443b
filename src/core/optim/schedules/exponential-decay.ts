import { rateDecay, type RateDecayOptions } from './rate-decay.js';
import type { Schedule } from './schedule.js';

/** Options of {@link exponentialDecay}; names follow `tf.train.exponential_decay`. */
export type ExponentialDecayOptions = RateDecayOptions;

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
  return rateDecay('exponentialDecay', options, (rate, decay, p) => rate * decay ** p);
}
