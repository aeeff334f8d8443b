import type { JsonValue } from './checkpointable.js';
import { CheckpointFormatError, CheckpointVersionError } from './errors.js';
import type { TensorDtype } from './safetensors.js';

/** The checkpoint format this gantry writes, and the newest it reads. */
export const CHECKPOINT_FORMAT_VERSION = 1;
const FORMAT = 'gantry-checkpoint';

/** What the manifest records of one saved variable; its byte range is in the safetensors header. */
export interface ManifestVariable {
  dtype: TensorDtype;
  shape: number[];
  /** Hex SHA-256 of the variable's bytes, checked on every load. */
  sha256: string;
}

/**
 * Everything about a checkpoint except the tensor bytes: which gantry wrote it in which format,
 * the global steps, every variable's dtype, shape and checksum, the run's config and the extra
 * state of each Checkpointable (RNG, dataset position, schedules, hooks).
 */
export interface CheckpointManifest {
  format: typeof FORMAT;
  formatVersion: number;
  gantryVersion: string;
  /** When the snapshot was taken, ISO 8601. */
  createdAt: string;
  /** Global steps by name, e.g. `{ critic: 500, generator: 100 }`. */
  steps: Record<string, number>;
  variables: Record<string, ManifestVariable>;
  /** The run's resolved config, or `null`. */
  config: JsonValue;
  /** `stateDict()` of each Checkpointable, by `checkpointName`. */
  extraState: Record<string, JsonValue>;
}

/**
 * Builds a manifest in the current format.
 *
 * @param fields - the contents, without the format fields.
 * @param gantryVersion - the writing gantry's version.
 * @returns the manifest.
 */
export function createManifest(
  fields: Omit<CheckpointManifest, 'format' | 'formatVersion' | 'gantryVersion'>,
  gantryVersion: string,
): CheckpointManifest {
  return { format: FORMAT, formatVersion: CHECKPOINT_FORMAT_VERSION, gantryVersion, ...fields };
}

/**
 * Parses and checks a manifest's JSON text: that it is a gantry manifest, in a format version
 * this gantry reads, with fields of the right kinds.
 *
 * @param text - the manifest JSON.
 * @param path - the checkpoint file, for error messages.
 * @param readerVersion - this gantry's version, for the upgrade message.
 * @returns the manifest.
 * @throws CheckpointFormatError or CheckpointVersionError saying what is wrong.
 */
export function parseManifest(
  text: string,
  path: string,
  readerVersion: string,
): CheckpointManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CheckpointFormatError(`${path}: the gantry manifest is not JSON (${String(error)})`);
  }
  const m = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (m.format !== FORMAT) {
    throw new CheckpointFormatError(
      `${path} is not a gantry checkpoint (manifest format is not "${FORMAT}")`,
    );
  }
  const version = m.formatVersion;
  if (!Number.isSafeInteger(version) || (version as number) < 1) {
    throw new CheckpointFormatError(
      `${path}: manifest formatVersion ${String(version)} is invalid`,
    );
  }
  if ((version as number) > CHECKPOINT_FORMAT_VERSION) {
    throw new CheckpointVersionError(
      `${path} is in checkpoint format ${String(version)} (written by gantry ` +
        `${String(m.gantryVersion)}); this gantry ${readerVersion} reads formats up to ` +
        `${CHECKPOINT_FORMAT_VERSION}: upgrade gantry to load it`,
    );
  }
  const wrongField = ['steps', 'variables', 'extraState'].find((k) => !isObject(m[k]));
  if (wrongField !== undefined || typeof m.gantryVersion !== 'string' || !('config' in m)) {
    throw new CheckpointFormatError(
      `${path}: the gantry manifest lacks or mistypes ${wrongField ?? 'gantryVersion or config'}`,
    );
  }
  const badStep = Object.entries(m.steps as object).find(([, v]) => !Number.isSafeInteger(v));
  if (badStep !== undefined) {
    throw new CheckpointFormatError(
      `${path}: global step ${badStep[0]} is ${String(badStep[1])}, not an integer`,
    );
  }
  return m as unknown as CheckpointManifest;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
