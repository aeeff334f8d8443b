import {
  checkFeatureMatrix,
  checkSameColumns,
  float64Values,
  type FeatureMatrix,
} from './feature-matrix.js';
import {
  checkNeighbourCount,
  forEachSquaredDistance,
  kNearestSquaredRadii,
} from './nearest-neighbours.js';

/** Options of {@link precisionRecall}. */
export interface PrecisionRecallOptions {
  /** The neighbour whose distance is a ball's radius. Default 3, the paper's choice. */
  k?: number;
}

/** What {@link precisionRecall} measured, both in [0, 1]. */
export interface PrecisionRecall {
  /** The fraction of fake samples inside the real manifold: how realistic the samples are. */
  precision: number;
  /** The fraction of real samples inside the fake manifold: how much of the data is covered. */
  recall: number;
}

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019). Each set's manifold is the union
 * of balls around its samples, each ball reaching the sample's `k`-th nearest other sample
 * (Euclidean); precision is the share of fake samples inside the real manifold, recall the
 * share of real samples inside the fake one. A sample on a ball's boundary is inside (`≤`),
 * as in the authors' code. Cost grows as `(real.rows + fake.rows)² · columns`.
 *
 * @example
 * ```ts
 * const { precision, recall } = precisionRecall(realFeatures, fakeFeatures);
 * // A generator that collapses to a few good modes: precision near 1, recall low.
 * ```
 *
 * @param real - features of real samples, more than `k` rows.
 * @param fake - features of generated samples, more than `k` rows, the same number of columns.
 * @param options - see {@link PrecisionRecallOptions}.
 * @returns precision and recall.
 */
export function precisionRecall(
  real: FeatureMatrix,
  fake: FeatureMatrix,
  options: PrecisionRecallOptions = {},
): PrecisionRecall {
  const k = options.k ?? 3;
  checkNeighbourCount('precisionRecall', k);
  const reason = `each sample's ball reaches its k = ${k}-th nearest other sample`;
  checkFeatureMatrix(real, 'real features', k + 1, reason);
  checkFeatureMatrix(fake, 'fake features', k + 1, reason);
  checkSameColumns(real.columns, fake.columns);

  const d = real.columns;
  const x = float64Values(real);
  const y = float64Values(fake);
  const realRadii = kNearestSquaredRadii(x, real.rows, d, k);
  const fakeRadii = kNearestSquaredRadii(y, fake.rows, d, k);
  const fakeInReal = new Uint8Array(fake.rows);
  const realInFake = new Uint8Array(real.rows);
  forEachSquaredDistance(x, real.rows, y, fake.rows, d, (i, j, distance) => {
    if (distance <= realRadii[i]) fakeInReal[j] = 1;
    if (distance <= fakeRadii[j]) realInFake[i] = 1;
  });
  return { precision: fraction(fakeInReal), recall: fraction(realInFake) };
}

function fraction(flags: Uint8Array): number {
  return flags.reduce((sum, flag) => sum + flag, 0) / flags.length;
}
