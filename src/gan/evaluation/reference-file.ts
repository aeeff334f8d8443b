import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../../core/checkpoint/atomic-file.js';
import type { FeatureMatrix } from '../metrics/feature-matrix.js';
import type { FeatureStatistics } from '../metrics/feature-statistics.js';

/** The real data's features and their statistics, for one dataset and one extractor. */
export interface ReferenceSet {
  /** The dataset's name, as the CLI's `--dataset` takes it. */
  readonly dataset: string;
  /** The extractor's name. */
  readonly extractor: string;
  /** SHA-256 of the data's bytes and the extractor's fingerprint: what the cache is keyed by. */
  readonly hash: string;
  /** Mean and covariance of the features, in float64. */
  readonly statistics: FeatureStatistics;
  /** Every real sample's features, float32, for the metrics that compare samples one by one. */
  readonly features: FeatureMatrix;
}

const MAGIC = Buffer.from('GANTRYREF1\n', 'latin1');
const FORMAT_VERSION = 1;

interface Header {
  version: number;
  dataset: string;
  extractor: string;
  hash: string;
  count: number;
  dimension: number;
}

/**
 * Writes a reference set atomically: a magic line, a 4-byte little-endian header length, a
 * JSON header (names, hash, sizes), padding to 8 bytes, then the mean and covariance (float64)
 * and the features (float32).
 *
 * @param path - the cache file.
 * @param reference - what to store.
 * @returns when the file is durable.
 */
export async function writeReferenceFile(path: string, reference: ReferenceSet): Promise<void> {
  const { statistics, features } = reference;
  const header: Header = {
    version: FORMAT_VERSION,
    dataset: reference.dataset,
    extractor: reference.extractor,
    hash: reference.hash,
    count: features.rows,
    dimension: features.columns,
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const unpadded = MAGIC.length + 4 + json.length;
  const padding = Buffer.alloc((8 - (unpadded % 8)) % 8, 0x20);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length + padding.length);
  const values = Float32Array.from(features.values);
  await writeFileAtomic(path, [
    MAGIC,
    length,
    json,
    padding,
    bytesOf(statistics.mean),
    bytesOf(statistics.covariance),
    bytesOf(values),
  ]);
}

/**
 * Reads a reference set written by {@link writeReferenceFile}, checking everything: the magic,
 * the version, that the hash is the one expected, the sizes, and that every value is finite.
 *
 * @param path - the cache file.
 * @param hash - the hash the data and extractor have now.
 * @returns the reference set, or `undefined` when there is no such file or it fails a check
 *   (a stale or damaged file is recomputed, never used).
 */
export async function readReferenceFile(
  path: string,
  hash: string,
): Promise<ReferenceSet | undefined> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch {
    return undefined;
  }
  if (file.length < MAGIC.length + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) {
    return undefined;
  }
  const headerLength = file.readUInt32LE(MAGIC.length);
  const start = MAGIC.length + 4 + headerLength;
  let header: Header;
  try {
    header = JSON.parse(file.subarray(MAGIC.length + 4, start).toString('utf8')) as Header;
  } catch {
    return undefined;
  }
  const { count, dimension } = header;
  const sizes = [dimension * 8, dimension * dimension * 8, count * dimension * 4];
  const valid =
    header.version === FORMAT_VERSION &&
    header.hash === hash &&
    Number.isSafeInteger(count) &&
    Number.isSafeInteger(dimension) &&
    count > 1 &&
    dimension > 0 &&
    start % 8 === 0 &&
    file.length === start + sizes.reduce((a, b) => a + b, 0);
  if (!valid) return undefined;
  const bytes = new Uint8Array(file.buffer, file.byteOffset, file.length).slice(start);
  const mean = new Float64Array(bytes.buffer, 0, dimension);
  const covariance = new Float64Array(bytes.buffer, sizes[0], dimension * dimension);
  const values = new Float32Array(bytes.buffer, sizes[0]! + sizes[1]!, count * dimension);
  if (!finite(mean) || !finite(covariance) || !finite(values)) return undefined;
  return {
    dataset: header.dataset,
    extractor: header.extractor,
    hash,
    statistics: { count, dimension, mean, covariance },
    features: { rows: count, columns: dimension, values },
  };
}

function finite(values: Float64Array | Float32Array): boolean {
  for (const value of values) if (!Number.isFinite(value)) return false;
  return true;
}

function bytesOf(array: Float64Array | Float32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
