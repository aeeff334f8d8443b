import { CheckpointError } from './errors.js';

/** A value that survives `JSON.stringify`/`JSON.parse` unchanged (finite numbers only). */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Anything with state that a run needs to resume — a learning-rate schedule (plateau
 * counters), the noise RNG, the dataset position, a hook — rides in a checkpoint by implementing
 * this contract (after Ignite's `state_dict`/`load_state_dict`). The Saver stores
 * `stateDict()` under `checkpointName` in the manifest's extra state and hands it back to
 * `loadStateDict` on restore.
 *
 * @example
 * ```ts
 * class StepRng implements Checkpointable {
 *   readonly checkpointName = 'noise_rng';
 *   seed = 42;
 *   stateDict(): JsonValue { return { seed: this.seed }; }
 *   loadStateDict(state: JsonValue): void { this.seed = (state as { seed: number }).seed; }
 * }
 * ```
 */
export interface Checkpointable {
  /** A name unique within one Saver, e.g. `noise_rng`, `dataset`, `lr_plateau/generator`. */
  readonly checkpointName: string;
  /** The state to save, as plain JSON; called synchronously when the snapshot is taken. */
  stateDict(): JsonValue;
  /** Puts back a state that `stateDict()` returned. */
  loadStateDict(state: JsonValue): void;
  /**
   * Whether a checkpoint may lack this state: one written before the state existed still
   * restores, leaving this object as it is (reported in `missingStates`). Only for state that
   * records rather than decides what the run does next (a count shown by `gantry inspect`);
   * default false, so a checkpoint without it is refused.
   */
  readonly optional?: boolean;
}

/**
 * Checks that a value is plain JSON that round-trips exactly: no `undefined`, functions,
 * bigints, class instances or non-finite numbers (which `JSON.stringify` would silently turn into
 * `null` or drop, and a resumed run would then differ).
 *
 * @param value - the value to check.
 * @param where - what produced it (e.g. `stateDict() of "noise_rng"`), for the error message.
 * @throws CheckpointError naming the path inside the value that is not JSON.
 */
export function assertJson(value: unknown, where: string): asserts value is JsonValue {
  const problem = findNonJson(value, '$');
  if (problem !== undefined) {
    throw new CheckpointError(
      `${where} is not plain JSON: ${problem}; return only null, booleans, finite numbers, ` +
        `strings, arrays and plain objects`,
    );
  }
}

function findNonJson(value: unknown, path: string): string | undefined {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? undefined : `${path} is ${String(value)}`;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const problem = findNonJson(item, `${path}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const problem = findNonJson(item, `${path}.${key}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  const kind = typeof value === 'object' ? 'an instance of a class' : `a ${typeof value}`;
  return `${path} is ${kind}`;
}

function isPlainObject(value: object): boolean {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
