import { rateDecay, type RateDecayOptions } from './rate-decay.js';
import type { Schedule } from './schedule.js';

/** Options of {@link inverseTimeDecay}; names follow `tf.train.inverse_time_decay`. */
export type InverseTimeDecayOptions = RateDecayOptions;

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
  return rateDecay('inverseTimeDecay', options, (rate, decay, p) => rate / (1 + decay * p));
}
