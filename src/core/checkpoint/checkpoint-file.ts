import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import { writeFileAtomic } from './atomic-file.js';
import type { JsonValue } from './checkpointable.js';
import { CheckpointCorruptError, CheckpointError, CheckpointFormatError } from './errors.js';
import { gantryVersion } from './gantry-version.js';
import { createManifest, parseManifest, type CheckpointManifest } from './manifest.js';
import { decodeSafetensors, encodeSafetensors, type TensorRecord } from './safetensors.js';

// The manifest rides in the safetensors `__metadata__` (strings only), so a checkpoint is one
// file: one rename makes it appear whole, and Python's `safetensors` reads it as it is.
const MANIFEST_KEY = 'gantry_manifest';
const MANIFEST_SHA_KEY = 'gantry_manifest_sha256';

/** What a checkpoint file holds, before the format fields and checksums are added. */
export interface CheckpointContents {
  steps: Record<string, number>;
  tensors: TensorRecord[];
  config: JsonValue;
  extraState: Record<string, JsonValue>;
  /** When the snapshot was taken; default now. */
  createdAt?: Date;
}

/** A checkpoint file read back and verified. */
export interface LoadedCheckpoint {
  manifest: CheckpointManifest;
  /** The tensors by name; their bytes are checked against the manifest's checksums. */
  tensors: Map<string, TensorRecord>;
}

/**
 * Writes a checkpoint file atomically: tensors in the safetensors layout, the manifest (with a
 * SHA-256 per tensor) and its own SHA-256 in `__metadata__`.
 *
 * @param path - the file to write, normally `<folder>/ckpt-<step>.safetensors`.
 * @param contents - steps, tensors, config and extra state.
 * @returns the manifest written, once the file is durable.
 */
export async function writeCheckpointFile(
  path: string,
  contents: CheckpointContents,
): Promise<CheckpointManifest> {
  assertLittleEndianHost();
  const names = new Set<string>();
  for (const t of contents.tensors) {
    if (names.has(t.name)) {
      throw new CheckpointError(`${path}: two tensors are named ${t.name}; names must be unique`);
    }
    names.add(t.name);
  }
  const variables = Object.fromEntries(
    contents.tensors.map((t) => [
      t.name,
      { dtype: t.dtype, shape: t.shape, sha256: sha256(t.bytes) },
    ]),
  );
  const manifest = createManifest(
    {
      createdAt: (contents.createdAt ?? new Date()).toISOString(),
      steps: contents.steps,
      variables,
      config: contents.config,
      extraState: contents.extraState,
    },
    gantryVersion(),
  );
  const text = JSON.stringify(manifest);
  const metadata = { [MANIFEST_KEY]: text, [MANIFEST_SHA_KEY]: sha256(Buffer.from(text, 'utf8')) };
  await writeFileAtomic(path, encodeSafetensors(contents.tensors, metadata));
  return manifest;
}

/**
 * Reads a checkpoint file and verifies all of it before returning: the safetensors layout, the
 * manifest's checksum and format version, that the manifest and the header agree on every
 * tensor, and every tensor's checksum. Nothing in the file is executed; names are data.
 *
 * @param path - the checkpoint file.
 * @returns the manifest and the tensors.
 * @throws CheckpointError (a subclass saying truncated, corrupt, newer version or not a gantry
 *   checkpoint) when the file cannot be trusted.
 */
export async function readCheckpointFile(path: string): Promise<LoadedCheckpoint> {
  assertLittleEndianHost();
  const { tensors, metadata } = decodeSafetensors(await readBytes(path), path);
  const text = metadata.get(MANIFEST_KEY);
  if (text === undefined) {
    throw new CheckpointFormatError(
      `${path} is a safetensors file but not a gantry checkpoint (no ${MANIFEST_KEY} in ` +
        `__metadata__)`,
    );
  }
  if (sha256(Buffer.from(text, 'utf8')) !== metadata.get(MANIFEST_SHA_KEY)) {
    throw new CheckpointCorruptError(
      `${path}: the manifest does not match its checksum; the file is damaged`,
    );
  }
  const manifest = parseManifest(text, path, gantryVersion());
  const byName = new Map(tensors.map((t) => [t.name, t]));
  verifyTensors(byName, manifest, path);
  return { manifest, tensors: byName };
}

function verifyTensors(
  byName: ReadonlyMap<string, TensorRecord>,
  manifest: CheckpointManifest,
  path: string,
): void {
  const listed = new Map(Object.entries(manifest.variables));
  for (const name of new Set([...byName.keys(), ...listed.keys()])) {
    const tensor = byName.get(name);
    const entry = listed.get(name);
    const agrees =
      tensor !== undefined &&
      entry !== undefined &&
      tensor.dtype === entry.dtype &&
      JSON.stringify(tensor.shape) === JSON.stringify(entry.shape);
    if (!agrees) {
      throw new CheckpointCorruptError(
        `${path}: tensor ${name} differs between the manifest and the safetensors header; ` +
          `the file is damaged`,
      );
    }
    if (sha256(tensor.bytes) !== entry.sha256) {
      throw new CheckpointCorruptError(
        `${path}: the bytes of tensor ${name} do not match their checksum; the file is damaged, ` +
          `use an earlier checkpoint`,
      );
    }
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function assertLittleEndianHost(): void {
  // safetensors is little-endian and gantry copies typed-array bytes as they are in memory.
  if (endianness() !== 'LE') {
    throw new CheckpointError('gantry checkpoints need a little-endian host');
  }
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : String(error);
    throw new CheckpointError(
      `checkpoint ${path} ${reason}: expected a ckpt-N.safetensors file written by gantry`,
    );
  }
}
