import {
  CheckpointCorruptError,
  CheckpointFormatError,
  CheckpointTruncatedError,
} from './errors.js';
import { assertVariableName } from './names.js';

/** The tensor dtypes a checkpoint stores (those of TensorFlow.js variables). */
export type TensorDtype = 'float32' | 'int32' | 'bool';

/** One named tensor as raw little-endian bytes, C (row-major) order. */
export interface TensorRecord {
  name: string;
  dtype: TensorDtype;
  shape: number[];
  bytes: Uint8Array;
}

/** What a safetensors file holds: the tensors in file order and the `__metadata__` strings. */
export interface SafetensorsContents {
  tensors: TensorRecord[];
  metadata: Map<string, string>;
}

const FILE_DTYPE: Record<TensorDtype, string> = { float32: 'F32', int32: 'I32', bool: 'BOOL' };
const ITEM_SIZE: Record<TensorDtype, number> = { float32: 4, int32: 4, bool: 1 };
const FROM_FILE_DTYPE = new Map<string, TensorDtype>(
  Object.entries(FILE_DTYPE).map(([ours, theirs]) => [theirs, ours as TensorDtype]),
);
// The reference implementation refuses headers above 100 MB; so do we, before allocating.
const MAX_HEADER_BYTES = 100 * 1024 * 1024;
const METADATA_KEY = '__metadata__';

function byteLength(dtype: TensorDtype, shape: readonly number[]): number {
  return shape.reduce((size, d) => size * d, ITEM_SIZE[dtype]);
}

/**
 * Lays tensors out in the safetensors format: an 8-byte little-endian header length, a JSON
 * header (`{ name: { dtype, shape, data_offsets }, __metadata__ }`, space-padded so the data
 * starts 8-byte aligned), then the tensors' bytes back to back. Wider dtypes come first so every
 * tensor is aligned to its element size, as the reference writer does.
 *
 * @param tensors - the tensors; names must be unique TensorFlow-style paths.
 * @param metadata - string-to-string pairs for `__metadata__`.
 * @returns the chunks of the file, in order (header first), to write without concatenating.
 */
export function encodeSafetensors(
  tensors: readonly TensorRecord[],
  metadata: Readonly<Record<string, string>>,
): Uint8Array[] {
  const ordered = [...tensors].sort(
    (a, b) => ITEM_SIZE[b.dtype] - ITEM_SIZE[a.dtype] || (a.name < b.name ? -1 : 1),
  );
  const entries: [string, unknown][] = [[METADATA_KEY, metadata]];
  let offset = 0;
  for (const t of ordered) {
    assertVariableName(t.name, 'safetensors writer');
    const end = offset + t.bytes.byteLength;
    entries.push([
      t.name,
      { dtype: FILE_DTYPE[t.dtype], shape: t.shape, data_offsets: [offset, end] },
    ]);
    offset = end;
  }
  const json = Buffer.from(JSON.stringify(Object.fromEntries(entries)), 'utf8');
  const padding = (8 - (json.byteLength % 8)) % 8;
  const header = Buffer.alloc(8 + json.byteLength + padding, 0x20);
  header.writeBigUInt64LE(BigInt(json.byteLength + padding), 0);
  json.copy(header, 8);
  return [header, ...ordered.map((t) => t.bytes)];
}

/**
 * Reads a safetensors file, checking every number in the header against the file before use:
 * header length, JSON shape, dtypes, that each byte range fits its dtype and shape, and that the
 * ranges tile the data with no gap, overlap or trailing bytes.
 *
 * @param file - the whole file.
 * @param path - where it came from, for error messages.
 * @returns the tensors (views into `file`) and the metadata.
 * @throws CheckpointTruncatedError, CheckpointFormatError or CheckpointCorruptError saying what
 *   is wrong with the file.
 */
export function decodeSafetensors(file: Uint8Array, path: string): SafetensorsContents {
  const bytes = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const headerEnd = readHeaderEnd(bytes, path);
  const header = parseHeader(bytes.subarray(8, headerEnd), path);
  const metadata = readMetadata(header.get(METADATA_KEY), path);
  header.delete(METADATA_KEY);
  const layout = [...header].map(([name, entry]) => readEntry(name, entry, path));
  layout.sort((a, b) => a.begin - b.begin);
  let expected = 0;
  for (const t of layout) {
    if (t.begin !== expected) {
      throw new CheckpointCorruptError(
        `${path}: tensor ${t.name} starts at data byte ${t.begin}, expected ${expected} ` +
          `(ranges must tile the data without gaps or overlaps); the file is damaged`,
      );
    }
    expected = t.end;
  }
  const total = headerEnd + expected;
  if (bytes.byteLength < total) {
    throw new CheckpointTruncatedError(
      `${path} is truncated: its header describes ${total} bytes but the file has ` +
        `${bytes.byteLength}; the write or copy was interrupted, use an earlier checkpoint`,
    );
  }
  if (bytes.byteLength > total) {
    throw new CheckpointCorruptError(
      `${path} has ${bytes.byteLength - total} bytes after the last tensor; the file is damaged`,
    );
  }
  const tensors = layout.map(({ name, dtype, shape, begin, end }) => ({
    name,
    dtype,
    shape,
    bytes: file.subarray(headerEnd + begin, headerEnd + end),
  }));
  return { tensors, metadata };
}

function readHeaderEnd(bytes: Buffer, path: string): number {
  if (bytes.byteLength < 8) {
    throw new CheckpointTruncatedError(
      `${path} is truncated: ${bytes.byteLength} bytes, shorter than the 8-byte header length`,
    );
  }
  const length = bytes.readBigUInt64LE(0);
  if (length > BigInt(MAX_HEADER_BYTES) || length < 2n) {
    throw new CheckpointFormatError(
      `${path} is not a safetensors checkpoint (header length ${length} is implausible)`,
    );
  }
  const end = 8 + Number(length);
  if (end > bytes.byteLength) {
    const looksLikeJson = bytes.byteLength > 8 && bytes[8] === 0x7b;
    throw looksLikeJson
      ? new CheckpointTruncatedError(
          `${path} is truncated inside its header (${end} header bytes, ${bytes.byteLength} ` +
            `in the file); the write or copy was interrupted, use an earlier checkpoint`,
        )
      : new CheckpointFormatError(`${path} is not a safetensors checkpoint`);
  }
  return end;
}

function parseHeader(json: Buffer, path: string): Map<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    throw new CheckpointFormatError(
      `${path} is not a safetensors checkpoint: its header is not JSON (${String(error)})`,
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CheckpointFormatError(
      `${path} is not a safetensors checkpoint: its header is not a JSON object`,
    );
  }
  // A Map, not property writes, so a tensor named `__proto__` stays a name.
  return new Map(Object.entries(parsed));
}

function readMetadata(value: unknown, path: string): Map<string, string> {
  if (value === undefined) return new Map();
  const valid =
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string');
  if (!valid) {
    throw new CheckpointFormatError(`${path}: __metadata__ must map strings to strings`);
  }
  return new Map(Object.entries(value as Record<string, string>));
}

interface Layout {
  name: string;
  dtype: TensorDtype;
  shape: number[];
  begin: number;
  end: number;
}

function readEntry(name: string, entry: unknown, path: string): Layout {
  assertVariableName(name, path);
  const fail = (problem: string): never => {
    throw new CheckpointFormatError(`${path}: header entry of tensor ${name} ${problem}`);
  };
  if (typeof entry !== 'object' || entry === null) return fail('is not an object');
  const { dtype: fileDtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  const dtype = FROM_FILE_DTYPE.get(String(fileDtype));
  if (dtype === undefined) {
    return fail(`has dtype ${String(fileDtype)}; gantry reads ${[...FROM_FILE_DTYPE.keys()]}`);
  }
  if (!isIndexList(shape)) return fail('has a shape that is not a list of non-negative integers');
  if (!isIndexList(offsets) || offsets.length !== 2 || offsets[0] > offsets[1]) {
    return fail('has data_offsets that are not [begin, end] with begin <= end');
  }
  const [begin, end] = offsets as [number, number];
  if (end - begin !== byteLength(dtype, shape)) {
    return fail(
      `spans ${end - begin} bytes, but ${dtype} of shape [${shape}] needs ` +
        `${byteLength(dtype, shape)}`,
    );
  }
  return { name, dtype, shape, begin, end };
}

function isIndexList(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((d) => Number.isSafeInteger(d) && d >= 0);
}
