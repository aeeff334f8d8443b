/**
 * Histogram buckets as TensorBoard's histogram plugin stores them: a `[k, 3]` table of
 * `(left edge, right edge, count)` rows. Semantics follow `histogram_pb` in tensorflow/tensorboard
 * `tensorboard/plugins/histogram/summary_v2.py` (TensorBoard 2.21), which always writes `k` rows:
 * equal-width buckets from the minimum to the maximum; all zeros for no data; and when every
 * value is `v`, rows `[v, v, 0]` with the count in the last.
 */
import { SummaryError } from './errors.js';

/** TensorBoard's default number of buckets. */
export const DEFAULT_BUCKET_COUNT = 30;

/** One row of a histogram. */
export interface HistogramBucket {
  left: number;
  right: number;
  count: number;
}

/**
 * Groups values into equal-width buckets spanning their range.
 *
 * @example
 * ```ts
 * histogramBuckets([0, 1, 1, 2], 2);
 * // [{ left: 0, right: 1, count: 1 }, { left: 1, right: 2, count: 3 }]
 * ```
 * @param values - the data; every value must be finite.
 * @param bucketCount - how many buckets; an integer >= 0.
 * @param tag - the summary's tag, named in errors.
 * @returns `bucketCount` buckets, left to right; their counts sum to `values.length`.
 * @throws SummaryError when `bucketCount` is not an integer >= 0 or a value is NaN or infinite.
 */
export function histogramBuckets(
  values: ArrayLike<number>,
  bucketCount: number = DEFAULT_BUCKET_COUNT,
  tag = 'histogram',
): HistogramBucket[] {
  if (!Number.isInteger(bucketCount) || bucketCount < 0) {
    throw new SummaryError(
      `histogram '${tag}': buckets must be an integer >= 0, got ${bucketCount}.`,
    );
  }
  const rows = (left: number, right: number): HistogramBucket[] =>
    Array.from({ length: bucketCount }, () => ({ left, right, count: 0 }));
  if (bucketCount === 0 || values.length === 0) return rows(0, 0);
  const { min, max } = finiteRange(values, tag);
  if (min === max) {
    const buckets = rows(min, max);
    buckets[bucketCount - 1].count = values.length;
    return buckets;
  }
  const width = (max - min) / bucketCount;
  const counts = new Array<number>(bucketCount).fill(0);
  for (let i = 0; i < values.length; i += 1) {
    const index = Math.min(Math.floor((values[i] - min) / width), bucketCount - 1);
    counts[index] += 1;
  }
  // numpy's linspace: start + i * step, with the last edge set to the maximum exactly.
  const edge = (i: number): number => (i === bucketCount ? max : min + i * width);
  return counts.map((count, i) => ({ left: edge(i), right: edge(i + 1), count }));
}

function finiteRange(values: ArrayLike<number>, tag: string): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  let nonFinite = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (!Number.isFinite(value)) {
      nonFinite += 1;
      continue;
    }
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (nonFinite > 0) {
    throw new SummaryError(
      `histogram '${tag}': ${nonFinite} of ${values.length} values are NaN or infinite; ` +
        'histogram finite values (a NanGuardHook stops training when weights go non-finite).',
    );
  }
  return { min, max };
}
