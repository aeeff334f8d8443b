/** A clipping function was given an argument it cannot use; the message names the argument. */
export class ClipError extends Error {
  override readonly name = 'ClipError';
}

/**
 * Throws a {@link ClipError} unless `value` is a finite number (and, when `positive`, above 0).
 *
 * @param fn - the clipping function, for the message.
 * @param argument - the argument's name, for the message.
 * @param value - what the caller passed.
 * @param positive - whether the value must be greater than 0.
 * @returns `value`, narrowed.
 */
export function requireClipNumber(
  fn: string,
  argument: string,
  value: unknown,
  positive: boolean,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || (positive && value <= 0)) {
    const wanted = positive ? 'a finite number greater than 0' : 'a finite number';
    throw new ClipError(`${fn}: ${argument} must be ${wanted}, got ${String(value)}`);
  }
  return value;
}
