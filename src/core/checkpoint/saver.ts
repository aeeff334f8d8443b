import * as tf from '../backend/tf.js';
import {
  readCheckpointFile,
  writeCheckpointFile,
  type CheckpointContents,
  type LoadedCheckpoint,
} from './checkpoint-file.js';
import { assertJson, type Checkpointable, type JsonValue } from './checkpointable.js';
import { CheckpointError, CheckpointMismatchError, type CheckpointMismatch } from './errors.js';
import type { CheckpointManifest } from './manifest.js';
import { assertVariableName } from './names.js';
import type { TensorDtype, TensorRecord } from './safetensors.js';

/**
 * The variables a Saver handles: a list (each saved under its own `name`), or a map from the
 * name in the file to the variable — e.g. `ema.variablesToRestore()`, which maps
 * `generator/dense/kernel/ExponentialMovingAverage` to the model's own kernel.
 */
export type SaverVariables = readonly tf.Variable[] | Readonly<Record<string, tf.Variable>>;

/** Options of the {@link Saver} constructor. */
export interface SaverOptions {
  /** Objects whose `stateDict()` rides along in the manifest (RNG, dataset, schedules, hooks). */
  checkpointables?: readonly Checkpointable[];
}

/** Options of {@link Saver.save}. */
export interface SaveOptions {
  /** Global steps by name, e.g. `{ critic: 500, generator: 100 }`; default `{}`. */
  steps?: Record<string, number>;
  /** The run's resolved config, stored for inspection and resume; default `null`. */
  config?: JsonValue;
}

/** Options of {@link Saver.restore}. */
export interface RestoreOptions {
  /**
   * Restore what the file has and skip variables and states it lacks (reported in `missing`
   * and `missingStates`). Dtype and shape mismatches are errors even then.
   */
  allowPartial?: boolean;
}

/** What {@link Saver.restore} loaded. */
export interface RestoreResult {
  manifest: CheckpointManifest;
  /** The global steps saved with the checkpoint, for the caller's `GlobalStep`s. */
  steps: Record<string, number>;
  /** Names (as in the file) of the variables loaded. */
  restored: string[];
  /** Names the file lacks, skipped because `allowPartial` was set. */
  missing: string[];
  /** `checkpointName`s whose state was loaded. */
  restoredStates: string[];
  /** `checkpointName`s the file lacks, skipped because `allowPartial` was set or they are optional. */
  missingStates: string[];
}

const SUPPORTED_DTYPES: readonly string[] = ['float32', 'int32', 'bool'];

/**
 * Saves and restores a set of variables by TensorFlow-style name, plus the state of
 * {@link Checkpointable}s, in one verified checkpoint file (safetensors layout with a gantry
 * manifest). Restoring checks every name, dtype and shape first and loads nothing unless all
 * match (or `allowPartial` is asked for); names in the file that the Saver does not handle are
 * ignored, as with TensorFlow's `tf.train.Saver`.
 *
 * @example
 * ```ts
 * const saver = new Saver([...generator.weights.map((w) => w.val), ...optimizerSlots], {
 *   checkpointables: [noiseRng, dataset],
 * });
 * await saver.save('runs/wgan/checkpoints/ckpt-100.safetensors', {
 *   steps: { critic: 500, generator: 100 },
 * });
 * const { steps } = await saver.restore('runs/wgan/checkpoints/ckpt-100.safetensors');
 * // evaluation with EMA weights: load the shadows into the model's own variables
 * await new Saver(ema.variablesToRestore()).restore(path);
 * ```
 */
export class Saver {
  private readonly variables: ReadonlyMap<string, tf.Variable>;
  private readonly checkpointables: ReadonlyMap<string, Checkpointable>;

  /**
   * @param variables - a list of variables, or a map from the name in the file to the variable.
   * @param options - the Checkpointables to save with them.
   * @throws CheckpointError for duplicate names, names that are not TensorFlow-style paths, or
   *   dtypes a checkpoint cannot hold.
   */
  constructor(variables: SaverVariables, options: SaverOptions = {}) {
    this.variables = nameVariables(variables);
    const states = new Map<string, Checkpointable>();
    for (const c of options.checkpointables ?? []) {
      if (states.has(c.checkpointName)) {
        throw new CheckpointError(
          `two Checkpointables are named "${c.checkpointName}"; give each a unique checkpointName`,
        );
      }
      states.set(c.checkpointName, c);
    }
    this.checkpointables = states;
  }

  /** The names (as in the file) of the variables this Saver handles, sorted. */
  get variableNames(): string[] {
    return [...this.variables.keys()].sort();
  }

  /**
   * Takes a consistent copy of every variable's value and every Checkpointable's state, all at
   * once (synchronously), so training can go on while the copy is written.
   *
   * @param options - steps and config to record.
   * @returns the contents of a checkpoint file.
   */
  snapshot(options: SaveOptions = {}): CheckpointContents {
    const tensors: TensorRecord[] = [];
    for (const [name, variable] of this.variables) {
      const values = variable.dataSync();
      const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength).slice();
      tensors.push({
        name,
        dtype: variable.dtype as TensorDtype,
        shape: [...variable.shape],
        bytes,
      });
    }
    const extraState = Object.fromEntries(
      [...this.checkpointables].map(([name, c]) => {
        const state = c.stateDict();
        assertJson(state, `stateDict() of Checkpointable "${name}"`);
        return [name, state];
      }),
    );
    const config = options.config ?? null;
    assertJson(config, 'the config given to save()');
    return { steps: { ...(options.steps ?? {}) }, tensors, config, extraState };
  }

  /**
   * Writes a checkpoint file atomically (temporary file, fsync, rename): the path holds either
   * its previous content or this complete checkpoint, whatever happens.
   *
   * @param path - the file to write, e.g. `<folder>/ckpt-100.safetensors`.
   * @param options - steps and config to record.
   * @returns the manifest written, once the file is durable.
   */
  async save(path: string, options: SaveOptions = {}): Promise<CheckpointManifest> {
    return writeCheckpointFile(path, this.snapshot(options));
  }

  /**
   * Verifies a checkpoint file completely, checks that every variable and state this Saver
   * handles is in it with the same dtype and shape, and only then loads them all.
   *
   * @param path - the checkpoint file.
   * @param options - `allowPartial` to skip what the file lacks.
   * @returns what was loaded, and the saved global steps.
   * @throws CheckpointMismatchError naming every mismatching variable (nothing is loaded);
   *   another CheckpointError when the file is truncated, corrupt, newer or not a checkpoint.
   */
  async restore(path: string, options: RestoreOptions = {}): Promise<RestoreResult> {
    const loaded = await readCheckpointFile(path);
    const mismatches = this.findMismatches(loaded);
    const fatal = mismatches.filter((m) => m.kind !== 'missing' || options.allowPartial !== true);
    if (fatal.length > 0) throw new CheckpointMismatchError(path, fatal);
    const restored: string[] = [];
    tf.tidy(() => {
      for (const [name, variable] of this.variables) {
        const record = loaded.tensors.get(name);
        if (record === undefined) continue;
        variable.assign(tf.tensor(typedValues(record), record.shape, record.dtype));
        restored.push(name);
      }
    });
    const restoredStates: string[] = [];
    for (const [name, c] of this.checkpointables) {
      if (!Object.hasOwn(loaded.manifest.extraState, name)) continue;
      c.loadStateDict(loaded.manifest.extraState[name] ?? null);
      restoredStates.push(name);
    }
    return {
      manifest: loaded.manifest,
      steps: { ...loaded.manifest.steps },
      restored,
      missing: [...this.variables.keys()].filter((n) => !loaded.tensors.has(n)),
      restoredStates,
      missingStates: [...this.checkpointables.keys()].filter((n) => !restoredStates.includes(n)),
    };
  }

  private findMismatches(loaded: LoadedCheckpoint): CheckpointMismatch[] {
    const mismatches: CheckpointMismatch[] = [];
    for (const [name, variable] of this.variables) {
      const record = loaded.tensors.get(name);
      if (record === undefined) {
        mismatches.push({ name, kind: 'missing', problem: 'not in the checkpoint' });
      } else if (record.dtype !== variable.dtype) {
        const problem = `dtype ${record.dtype} in the file, ${variable.dtype} in the variable`;
        mismatches.push({ name, kind: 'dtype', problem });
      } else if (JSON.stringify(record.shape) !== JSON.stringify(variable.shape)) {
        const problem = `shape [${record.shape}] in the file, [${variable.shape}] in the variable`;
        mismatches.push({ name, kind: 'shape', problem });
      }
    }
    for (const [name, checkpointable] of this.checkpointables) {
      if (checkpointable.optional === true) continue;
      if (!Object.hasOwn(loaded.manifest.extraState, name)) {
        mismatches.push({ name, kind: 'missing', problem: 'no state for this Checkpointable' });
      }
    }
    return mismatches;
  }
}

function nameVariables(variables: SaverVariables): Map<string, tf.Variable> {
  const entries: [string, tf.Variable][] = Array.isArray(variables)
    ? (variables as readonly tf.Variable[]).map((v) => [v.name, v])
    : Object.entries(variables);
  const named = new Map<string, tf.Variable>();
  for (const [name, variable] of entries) {
    assertVariableName(name, 'Saver');
    if (named.has(name)) {
      throw new CheckpointError(`Saver: two variables are named ${name}; names must be unique`);
    }
    if (!SUPPORTED_DTYPES.includes(variable.dtype)) {
      throw new CheckpointError(
        `Saver: variable ${name} has dtype ${variable.dtype}; checkpoints hold ` +
          `${SUPPORTED_DTYPES.join(', ')}`,
      );
    }
    named.set(name, variable);
  }
  return named;
}

function typedValues(record: TensorRecord): Float32Array | Int32Array | Uint8Array {
  // A copy starting at offset 0, so the typed array is aligned whatever the file layout.
  const bytes = new Uint8Array(record.bytes);
  if (record.dtype === 'float32') return new Float32Array(bytes.buffer);
  if (record.dtype === 'int32') return new Int32Array(bytes.buffer);
  return bytes;
}
