import { requireFinite, ScheduleError, type Schedule } from './schedule.js';

/** Options of {@link piecewiseConstant}; names follow `tf.train.piecewise_constant`. */
export interface PiecewiseConstantOptions {
  /** Strictly increasing steps at which the rate changes. */
  boundaries: readonly number[];
  /** One more value than `boundaries`: the rate up to and including each boundary, then after. */
  values: readonly number[];
}

/**
 * A piecewise constant rate, as `tf.train.piecewise_constant`: `values[0]` while
 * `step <= boundaries[0]`, `values[i]` while `boundaries[i-1] < step <= boundaries[i]`, and the
 * last value once `step > boundaries[boundaries.length - 1]`. A boundary belongs to the interval
 * before it.
 *
 * @example
 * ```ts
 * const lr = schedules.piecewiseConstant({ boundaries: [100, 110], values: [1, 0.5, 0.1] });
 * lr(100); // 1
 * lr(101); // 0.5
 * ```
 * @param options - the boundaries and the value of each interval.
 * @returns the learning rate as a function of the global step.
 * @throws ScheduleError when `values` does not have one more entry than `boundaries`, when the
 *   boundaries are not strictly increasing, or when an entry is not a finite number.
 */
export function piecewiseConstant(options: PiecewiseConstantOptions): Schedule {
  const name = 'piecewiseConstant';
  const boundaries = [...options.boundaries];
  const values = [...options.values];
  if (values.length !== boundaries.length + 1) {
    throw new ScheduleError(
      `${name}: values must have one more entry than boundaries ` +
        `(got ${values.length} values for ${boundaries.length} boundaries)`,
    );
  }
  boundaries.forEach((b, i) => requireFinite(name, `boundaries[${i}]`, b));
  values.forEach((v, i) => requireFinite(name, `values[${i}]`, v));
  for (let i = 1; i < boundaries.length; i += 1) {
    if (boundaries[i]! <= boundaries[i - 1]!) {
      throw new ScheduleError(
        `${name}: boundaries must be strictly increasing, but boundaries[${i}] = ` +
          `${boundaries[i]} follows boundaries[${i - 1}] = ${boundaries[i - 1]}`,
      );
    }
  }
  return (step) => {
    const interval = boundaries.findIndex((boundary) => step <= boundary);
    return values[interval === -1 ? boundaries.length : interval]!;
  };
}
