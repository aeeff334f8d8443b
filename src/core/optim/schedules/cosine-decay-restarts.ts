import { requireFinite, requirePositive, type Schedule } from './schedule.js';

/** Options of {@link cosineDecayRestarts}; names follow `tf.train.cosine_decay_restarts`. */
export interface CosineDecayRestartsOptions {
  /** The learning rate at step 0. */
  learningRate: number;
  /** Length of the first period; must be > 0. */
  firstDecaySteps: number;
  /** Each period is `tMul` times longer than the one before; default 2, must be > 0. */
  tMul?: number;
  /** Each period starts at `mMul` times the previous period's starting rate; default 1. */
  mMul?: number;
  /** The floor, as a fraction of `learningRate`; default 0. */
  alpha?: number;
}

/**
 * Cosine decay with warm restarts (Loshchilov & Hutter, SGDR), as
 * `tf.train.cosine_decay_restarts`: the multiplier falls from 1 to `alpha` over
 * `firstDecaySteps`, then restarts; period `i` lasts `firstDecaySteps * tMul^i` steps and starts
 * at `mMul^i`.
 *
 * @example
 * ```ts
 * const lr = schedules.cosineDecayRestarts({ learningRate: 1, firstDecaySteps: 1000 });
 * lr(1000); // 1: the second period (2000 steps long) starts
 * ```
 * @param options - the initial rate, the first period, and how periods grow and restart.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when an argument is not a finite number, or `firstDecaySteps` or `tMul`
 *   is not positive.
 */
export function cosineDecayRestarts(options: CosineDecayRestartsOptions): Schedule {
  const name = 'cosineDecayRestarts';
  const learningRate = requireFinite(name, 'learningRate', options.learningRate);
  const firstDecaySteps = requirePositive(name, 'firstDecaySteps', options.firstDecaySteps);
  const tMul = requirePositive(name, 'tMul', options.tMul ?? 2);
  const mMul = requireFinite(name, 'mMul', options.mMul ?? 1);
  const alpha = requireFinite(name, 'alpha', options.alpha ?? 0);
  return (step) => {
    const { restart, completedFraction } = locatePeriod(step / firstDecaySteps, tMul);
    const cosineDecayed = 0.5 * mMul ** restart * (1 + Math.cos(Math.PI * completedFraction));
    return learningRate * ((1 - alpha) * cosineDecayed + alpha);
  };
}

/**
 * Which period `fraction` (steps in units of the first period) falls in, and how far through it.
 * TensorFlow uses the closed form of the geometric series; its logarithm ratio can land a hair
 * below a whole number exactly at a restart (log(1000) / log(10) is 2.9999999999999996), so the index is checked
 * against the series itself.
 */
function locatePeriod(
  fraction: number,
  tMul: number,
): { restart: number; completedFraction: number } {
  if (tMul === 1) {
    const restart = Math.floor(fraction);
    return { restart, completedFraction: fraction - restart };
  }
  const start = (i: number): number => (1 - tMul ** i) / (1 - tMul);
  let restart = Math.floor(Math.log(1 - fraction * (1 - tMul)) / Math.log(tMul));
  if (Number.isFinite(restart)) {
    if (start(restart + 1) <= fraction) restart += 1;
    else if (start(restart) > fraction) restart -= 1;
  }
  return { restart, completedFraction: (fraction - start(restart)) / tMul ** restart };
}
