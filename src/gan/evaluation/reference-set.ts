import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '../../core/backend/tf.js';
import type { Logger } from '../../core/logger.js';
import type { SampleTable } from '../data/shuffled-samples.js';
import { extractFeatures } from '../metrics/extractors/extract-features.js';
import type { FeatureExtractor } from '../metrics/extractors/feature-extractor.js';
import { featureStatistics } from '../metrics/feature-statistics.js';
import { readReferenceFile, writeReferenceFile, type ReferenceSet } from './reference-file.js';

/** Where reference sets are cached unless told otherwise: `GANTRY_CACHE`, else `./.cache/gantry`. */
export function defaultCacheDirectory(): string {
  return process.env['GANTRY_CACHE'] ?? join(process.cwd(), '.cache', 'gantry');
}

/** Options of {@link referenceSet}. */
export interface ReferenceSetOptions {
  /** The dataset's name, for the file name and reports. */
  dataset: string;
  /** Every real sample, in [−1, 1]. */
  table: SampleTable;
  extractor: FeatureExtractor;
  /** The cache root; default {@link defaultCacheDirectory}. Files go in `reference-stats/`. */
  cacheDirectory?: string;
  /** Told when the set is computed (it takes a while) or a cached one is used. */
  logger?: Logger;
}

/**
 * The real data's features and statistics for one dataset and one extractor, computed once and
 * cached in `<cache>/reference-stats/<dataset>-<extractor>-<hash>.bin`. The hash (its first 16
 * digits in the name, all 64 in the file) is a SHA-256
 * of every sample's bytes and the extractor's fingerprint, so a changed dataset (or extractor)
 * has another file name and is never scored against stale statistics; a cached file is checked
 * in full when read and recomputed if it fails.
 *
 * @example
 * ```ts
 * const reference = await referenceSet({ dataset: 'mnist', table, extractor: classifier });
 * frechetDistanceFromStatistics(reference.statistics, featureStatistics(fakeFeatures));
 * ```
 *
 * @param options - the data, the extractor and the cache.
 * @returns the reference set.
 */
export async function referenceSet(options: ReferenceSetOptions): Promise<ReferenceSet> {
  const { dataset, table, extractor } = options;
  const hash = contentHash(table, extractor);
  const directory = join(options.cacheDirectory ?? defaultCacheDirectory(), 'reference-stats');
  const path = join(
    directory,
    `${fileSafe(dataset)}-${fileSafe(extractor.name)}-${hash.slice(0, 16)}.bin`,
  );
  const cached = await readReferenceFile(path, hash);
  if (cached !== undefined) {
    options.logger?.info(`reference statistics of ${dataset} (${extractor.name}): ${path}`);
    return cached;
  }
  options.logger?.info(
    `computing the reference statistics of ${dataset}'s ${table.count} samples with ` +
      `${extractor.name} (once; cached in ${path})`,
  );
  const { features } = await extractFeatures(extractor, tableSource(table));
  const reference: ReferenceSet = {
    dataset,
    extractor: extractor.name,
    hash,
    statistics: featureStatistics(features, `${dataset} features`),
    features,
  };
  await mkdir(directory, { recursive: true });
  await writeReferenceFile(path, reference);
  return reference;
}

/** SHA-256 over the format, the extractor and every sample as float32 bytes, in table order. */
function contentHash(table: SampleTable, extractor: FeatureExtractor): string {
  const hash = createHash('sha256');
  hash.update(`gantry reference set 1\n${extractor.name}\n${extractor.fingerprint}\n`);
  hash.update(`[${table.sampleShape.join(',')}] x ${table.count}\n`);
  const sample = new Float32Array(table.sampleShape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < table.count; i++) {
    table.copyInto(i, sample, 0);
    hash.update(new Uint8Array(sample.buffer));
  }
  return hash.digest('hex');
}

function tableSource(table: SampleTable): {
  count: number;
  batch(start: number, size: number): tf.Tensor;
} {
  const sampleSize = table.sampleShape.reduce((a, b) => a * b, 1);
  return {
    count: table.count,
    batch: (start, size) => {
      const values = new Float32Array(size * sampleSize);
      for (let i = 0; i < size; i++) table.copyInto(start + i, values, i * sampleSize);
      return tf.tensor(values, [size, ...table.sampleShape]);
    },
  };
}

/** A name usable in a file name: a path's separators and odd characters become `_`. */
function fileSafe(name: string): string {
  return name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[._]+/, '') || 'dataset';
}
