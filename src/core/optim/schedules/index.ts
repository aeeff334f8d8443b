import { cosineDecay } from './cosine-decay.js';
import { cosineDecayRestarts } from './cosine-decay-restarts.js';
import { exponentialDecay } from './exponential-decay.js';
import { inverseTimeDecay } from './inverse-time-decay.js';
import { linearCosineDecay } from './linear-cosine-decay.js';
import { naturalExpDecay } from './natural-exp-decay.js';
import { noisyLinearCosineDecay } from './noisy-linear-cosine-decay.js';
import { piecewiseConstant } from './piecewise-constant.js';
import { polynomialDecay } from './polynomial-decay.js';
import { reduceOnPlateau } from './reduce-on-plateau.js';

/**
 * Learning-rate schedules with TensorFlow 1's `tf.train.*_decay` formulas, defaults and
 * argument names (in camelCase); each returns `(step) => number`, which optimizers accept as
 * their `learningRate`. `reduceOnPlateau` is the adaptive one: an RxJS operator over a metric.
 *
 * @example
 * ```ts
 * const lr = schedules.exponentialDecay({ learningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true });
 * const optimizer = new GradientDescentOptimizer({ learningRate: lr });
 * ```
 */
export const schedules = {
  exponentialDecay,
  piecewiseConstant,
  polynomialDecay,
  naturalExpDecay,
  inverseTimeDecay,
  cosineDecay,
  cosineDecayRestarts,
  linearCosineDecay,
  noisyLinearCosineDecay,
  reduceOnPlateau,
} as const;

export { reduceOnPlateau, type ReduceOnPlateau } from './reduce-on-plateau.js';
export type { ReduceOnPlateauOptions, ReduceOnPlateauState } from './plateau-tracker.js';
export { ScheduleError, type Schedule } from './schedule.js';
export type { CosineDecayOptions } from './cosine-decay.js';
export type { CosineDecayRestartsOptions } from './cosine-decay-restarts.js';
export type { ExponentialDecayOptions } from './exponential-decay.js';
export type { RateDecayOptions } from './rate-decay.js';
export type { InverseTimeDecayOptions } from './inverse-time-decay.js';
export type { LinearCosineDecayOptions } from './linear-cosine-decay.js';
export type { NaturalExpDecayOptions } from './natural-exp-decay.js';
export type { NoisyLinearCosineDecayOptions } from './noisy-linear-cosine-decay.js';
export type { PiecewiseConstantOptions } from './piecewise-constant.js';
export type { PolynomialDecayOptions } from './polynomial-decay.js';
