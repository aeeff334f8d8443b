import { linearCosineParts } from './linear-cosine-decay.js';
import { requireFinite, requirePositive, ScheduleError, type Schedule } from './schedule.js';
import { seededNormal } from './seeded-normal.js';

/** Options of {@link noisyLinearCosineDecay}; names follow `tf.train.noisy_linear_cosine_decay`. */
export interface NoisyLinearCosineDecayOptions {
  /** The learning rate at step 0, before noise (times `1 + beta`). */
  learningRate: number;
  /** Steps over which to decay; must be > 0. */
  decaySteps: number;
  /** Variance of the noise at step 0; default 1. */
  initialVariance?: number;
  /** The noise variance is `initialVariance / (1 + step) ^ varianceDecay`; default 0.55. */
  varianceDecay?: number;
  /** Number of periods of the cosine part; default 0.5. */
  numPeriods?: number;
  /** Added to the linear part; default 0. */
  alpha?: number;
  /** Added to the product, the floor of the multiplier; default 0.001. */
  beta?: number;
  /** Seed of the noise, a 32-bit unsigned integer; default a random one. */
  seed?: number;
}

/**
 * Noisy linear cosine decay (Bello et al., Neural Optimizer Search), as
 * `tf.train.noisy_linear_cosine_decay`: linear cosine decay with zero-mean Gaussian noise
 * `eps` of variance `initialVariance / (1 + s) ^ varianceDecay` added to the linear part,
 * `learningRate * ((alpha + linear + eps) * cosine + beta)`, where `s = min(step, decaySteps)`.
 *
 * TensorFlow draws fresh noise on every evaluation; here the noise is a function of `seed` and
 * the step, so reading the rate twice at one step, or after a restart, gives the same value.
 *
 * @example
 * ```ts
 * const lr = schedules.noisyLinearCosineDecay({ learningRate: 1, decaySteps: 1000, seed: 7 });
 * lr(10) === lr(10); // true
 * ```
 * @param options - the initial rate, the length of the decay, the noise and its seed.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number, `decaySteps` is not positive,
 *   `initialVariance` is negative or `seed` is not a 32-bit unsigned integer.
 */
export function noisyLinearCosineDecay(options: NoisyLinearCosineDecayOptions): Schedule {
  const name = 'noisyLinearCosineDecay';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(name, 'decaySteps', options.decaySteps);
  const initialVariance = requireFinite(name, 'initialVariance', options.initialVariance ?? 1);
  const varianceDecay = requireFinite(name, 'varianceDecay', options.varianceDecay ?? 0.55);
  const numPeriods = requireFinite(name, 'numPeriods', options.numPeriods ?? 0.5);
  const alpha = requireFinite(name, 'alpha', options.alpha ?? 0);
  const beta = requireFinite(name, 'beta', options.beta ?? 0.001);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 32);
  if (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32) {
    throw new ScheduleError(`${name}: seed must be an integer in [0, 2^32), got ${seed}`);
  }
  if (initialVariance < 0) {
    throw new ScheduleError(`${name}: initialVariance must be >= 0, got ${initialVariance}`);
  }
  return (step) => {
    const { clampedStep, linear, cosine } = linearCosineParts(step, decaySteps, numPeriods);
    const std = Math.sqrt(initialVariance / (1 + clampedStep) ** varianceDecay);
    const noisyLinear = linear + std * seededNormal(seed, step);
    return learningRate * ((alpha + noisyLinear) * cosine + beta);
  };
}
