/**
 * A learning rate as a function of the global step, as TensorFlow 1's `tf.train.*_decay`
 * functions compute it; optimizers accept one wherever they accept a number.
 */
export type Schedule = (step: number) => number;

/** A schedule was given an argument it cannot work with; the message names the argument. */
export class ScheduleError extends Error {
  override readonly name = 'ScheduleError';
}

/**
 * Throws a {@link ScheduleError} unless `value` is a finite number.
 *
 * @param schedule - the schedule being built, for the message.
 * @param argument - the argument's name, for the message.
 * @param value - what the caller passed.
 * @returns `value`, narrowed.
 */
export function requireFinite(schedule: string, argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ScheduleError(
      `${schedule}: ${argument} must be a finite number, got ${describe(value)}`,
    );
  }
  return value;
}

/**
 * Throws a {@link ScheduleError} unless `value` is a finite number greater than zero, which
 * TensorFlow requires of every `decaySteps` (it divides by it).
 *
 * @param schedule - the schedule being built, for the message.
 * @param argument - the argument's name, for the message.
 * @param value - what the caller passed.
 * @returns `value`, narrowed.
 */
export function requirePositive(schedule: string, argument: string, value: unknown): number {
  const number = requireFinite(schedule, argument, value);
  if (number <= 0) {
    throw new ScheduleError(`${schedule}: ${argument} must be greater than 0, got ${number}`);
  }
  return number;
}

/**
 * Throws a {@link ScheduleError} unless `value` is a boolean.
 *
 * @param schedule - the schedule being built, for the message.
 * @param argument - the argument's name, for the message.
 * @param value - what the caller passed.
 * @returns `value`, narrowed.
 */
export function requireBoolean(schedule: string, argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new ScheduleError(
      `${schedule}: ${argument} must be true or false, got ${describe(value)}`,
    );
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
