import { requireFinite, requirePositive, type Schedule } from './schedule.js';

/** Options of {@link linearCosineDecay}; names follow `tf.train.linear_cosine_decay`. */
export interface LinearCosineDecayOptions {
  /** The learning rate at step 0 (times `1 + beta`). */
  learningRate: number;
  /** Steps over which to decay; must be > 0. */
  decaySteps: number;
  /** Number of periods of the cosine part; default 0.5. */
  numPeriods?: number;
  /** Added to the linear part; default 0. */
  alpha?: number;
  /** Added to the product, the floor of the multiplier; default 0.001. */
  beta?: number;
}

/**
 * Linear cosine decay (Bello et al., Neural Optimizer Search), as `tf.train.linear_cosine_decay`:
 * with `s = min(step, decaySteps)`, `learningRate * ((alpha + (decaySteps - s) / decaySteps) *
 * 0.5 * (1 + cos(2 pi numPeriods s / decaySteps)) + beta)`.
 *
 * @example
 * ```ts
 * const lr = schedules.linearCosineDecay({ learningRate: 1, decaySteps: 1000 });
 * lr(0); // 1.001
 * ```
 * @param options - the initial rate, the length of the decay and the shape parameters.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number or `decaySteps` is not positive.
 */
export function linearCosineDecay(options: LinearCosineDecayOptions): Schedule {
  const name = 'linearCosineDecay';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const decaySteps = requirePositive(name, 'decaySteps', options.decaySteps);
  const numPeriods = requireFinite(name, 'numPeriods', options.numPeriods ?? 0.5);
  const alpha = requireFinite(name, 'alpha', options.alpha ?? 0);
  const beta = requireFinite(name, 'beta', options.beta ?? 0.001);
  return (step) => {
    const { linear, cosine } = linearCosineParts(step, decaySteps, numPeriods);
    return learningRate * ((alpha + linear) * cosine + beta);
  };
}

/**
 * The linear and cosine factors shared by linear and noisy linear cosine decay.
 *
 * @param step - the global step.
 * @param decaySteps - steps over which to decay.
 * @param numPeriods - number of periods of the cosine part.
 * @returns both factors at `step`, which is held at `decaySteps` once past it.
 */
export function linearCosineParts(
  step: number,
  decaySteps: number,
  numPeriods: number,
): { clampedStep: number; linear: number; cosine: number } {
  const clampedStep = Math.min(step, decaySteps);
  const linear = (decaySteps - clampedStep) / decaySteps;
  const fraction = (2 * numPeriods * clampedStep) / decaySteps;
  return { clampedStep, linear, cosine: 0.5 * (1 + Math.cos(Math.PI * fraction)) };
}
