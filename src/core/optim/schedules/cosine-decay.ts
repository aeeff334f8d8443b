import { requireFinite, requirePositive, type Schedule } from './schedule.js';

/** Options of {@link cosineDecay}; names follow `tf.train.cosine_decay`. */
export interface CosineDecayOptions {
  /** The learning rate at step 0. */
  learningRate: number;
  /** Steps over which to decay; must be > 0. */
  decaySteps: number;
  /** The floor, as a fraction of `learningRate`; default 0. */
  alpha?: number;
}

/**
 * Cosine decay (Loshchilov & Hutter, SGDR), as `tf.train.cosine_decay`:
 * `learningRate * ((1 - alpha) * 0.5 * (1 + cos(pi * min(step, decaySteps) / decaySteps)) + alpha)`.
 *
 * @example
 * ```ts
 * const lr = schedules.cosineDecay({ learningRate: 1, decaySteps: 1000 });
 * lr(500); // 0.5
 * ```
 * @param options - the initial rate, the length of the decay and its floor.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number or `decaySteps` is not positive.
 */
export function cosineDecay(options: CosineDecayOptions): Schedule {
  const name = 'cosineDecay';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(name, 'decaySteps', options.decaySteps);
  const alpha = requireFinite(name, 'alpha', options.alpha ?? 0);
  return (step) => {
    const completedFraction = Math.min(step, decaySteps) / decaySteps;
    const cosineDecayed = 0.5 * (1 + Math.cos(Math.PI * completedFraction));
    return learningRate * ((1 - alpha) * cosineDecayed + alpha);
  };
}
