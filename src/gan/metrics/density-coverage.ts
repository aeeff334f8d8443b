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

/** Options of {@link densityCoverage}. */
export interface DensityCoverageOptions {
  /** The neighbour whose distance is a real ball's radius. Default 5, the paper's choice. */
  k?: number;
}

/** What {@link densityCoverage} measured. */
export interface DensityCoverage {
  /**
   * How many real balls hold a fake sample, on average, over `k`: about 1 when fake samples
   * are spread like real ones, above 1 where they crowd dense real regions. Not bounded by 1.
   */
  density: number;
  /** The fraction of real balls that hold at least one fake sample, in [0, 1]. */
  coverage: number;
}

/**
 * Density and coverage (Naeem et al. 2020): precision and recall's counterparts that build a
 * manifold around the real samples only, so outliers among the fake ones cannot inflate it.
 * Each real sample's ball reaches its `k`-th nearest other real sample (Euclidean); a fake
 * sample is inside only when strictly closer than the radius, as in the authors' `prdc` code.
 * Cost grows as `(real.rows² + real.rows · fake.rows) · columns`.
 *
 * @example
 * ```ts
 * const { density, coverage } = densityCoverage(realFeatures, fakeFeatures);
 * ```
 *
 * @param real - features of real samples, more than `k` rows.
 * @param fake - features of generated samples, at least 1 row, the same number of columns.
 * @param options - see {@link DensityCoverageOptions}.
 * @returns density and coverage.
 */
export function densityCoverage(
  real: FeatureMatrix,
  fake: FeatureMatrix,
  options: DensityCoverageOptions = {},
): DensityCoverage {
  const k = options.k ?? 5;
  checkNeighbourCount('densityCoverage', k);
  checkFeatureMatrix(
    real,
    'real features',
    k + 1,
    `each real sample's ball reaches its k = ${k}-th nearest other real sample`,
  );
  checkFeatureMatrix(fake, 'fake features', 1, 'there must be a sample to place');
  checkSameColumns(real.columns, fake.columns);

  const d = real.columns;
  const x = float64Values(real);
  const y = float64Values(fake);
  const radii = kNearestSquaredRadii(x, real.rows, d, k);
  const fakesPerBall = new Float64Array(real.rows);
  forEachSquaredDistance(x, real.rows, y, fake.rows, d, (i, _j, distance) => {
    if (distance < radii[i]) fakesPerBall[i]++;
  });
  const insidePairs = fakesPerBall.reduce((sum, count) => sum + count, 0);
  const coveredBalls = fakesPerBall.reduce((sum, count) => sum + (count > 0 ? 1 : 0), 0);
  return { density: insidePairs / (k * fake.rows), coverage: coveredBalls / real.rows };
}
