import type { JsonValue } from './checkpointable.js';

/**
 * Reads a counter (draws made, a position in the data) back out of the state a
 * `Checkpointable` saved as `{ [key]: counter }`. A counter drives what a resumed run
 * draws next, so a damaged or foreign state fails here rather than resuming somewhere else.
 *
 * @example
 * ```ts
 * loadStateDict(state: JsonValue): void {
 *   this.draws = readCounter(state, this.checkpointName, 'draws');
 * }
 * ```
 *
 * @param state - what `loadStateDict` was given.
 * @param owner - the checkpoint name, for the message (`noise_sampler`).
 * @param key - the counter's key in the state (`draws`).
 * @param Failure - the error class to throw; default `RangeError`.
 * @returns the counter.
 * @throws Failure naming the owner, the key and the value when it is not a non-negative integer.
 */
export function readCounter(
  state: JsonValue,
  owner: string,
  key: string,
  Failure: new (message: string) => Error = RangeError,
): number {
  const value = (state as Record<string, unknown> | null)?.[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new Failure(
      `${owner}: state.${key} must be a non-negative integer, got ${String(value)}`,
    );
  }
  return value;
}
