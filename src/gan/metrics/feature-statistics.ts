import { checkFeatureMatrix, type FeatureMatrix } from './feature-matrix.js';
import { forEachRowProduct } from './row-products.js';

/** Samples per transposed chunk of the covariance sum. */
const CHUNK_ROWS = 256;

/**
 * The mean and covariance of a set of features: all that the Fréchet distance needs of a set,
 * so the statistics of a fixed real data set can be computed once and reused for every
 * evaluation of the generator.
 */
export interface FeatureStatistics {
  /** The number of samples they were estimated from. */
  readonly count: number;
  /** The number of features, the length of {@link mean}. */
  readonly dimension: number;
  /** The mean of each feature. */
  readonly mean: Float64Array;
  /** The `dimension × dimension` covariance, row-major, unbiased (divided by `count − 1`). */
  readonly covariance: Float64Array;
}

/**
 * Estimates the mean and the unbiased covariance of a feature matrix in float64, as `np.cov`
 * does for pytorch-fid and TF-GAN. The covariance is summed from centred features, which keeps
 * the cancellation of `E[xxᵀ] − μμᵀ` out of it.
 *
 * @example
 * ```ts
 * const stats = featureStatistics(featureMatrix([[0, 1], [2, 1], [4, 1]]));
 * stats.mean; // Float64Array [2, 1]
 * stats.covariance; // Float64Array [4, 0, 0, 0]
 * ```
 *
 * @param features - at least 2 samples.
 * @param name - how error messages name the matrix.
 * @returns the statistics.
 */
export function featureStatistics(features: FeatureMatrix, name = 'features'): FeatureStatistics {
  checkFeatureMatrix(features, name, 2, 'a covariance divides by rows − 1');
  const { rows, columns: d, values } = features;
  const mean = new Float64Array(d);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < d; j++) mean[j] += values[i * d + j];
  }
  for (let j = 0; j < d; j++) mean[j] /= rows;

  // Xcᵀ Xc over chunks of samples, each chunk transposed so that a feature's deviations are
  // one row and the blocked row-product kernel applies; only the upper triangle is summed.
  const covariance = new Float64Array(d * d);
  const chunk = new Float64Array(d * Math.min(rows, CHUNK_ROWS));
  for (let first = 0; first < rows; first += CHUNK_ROWS) {
    const count = Math.min(CHUNK_ROWS, rows - first);
    for (let s = 0; s < count; s++) {
      for (let j = 0; j < d; j++) chunk[j * count + s] = values[(first + s) * d + j] - mean[j];
    }
    forEachRowProduct(
      chunk,
      d,
      chunk,
      d,
      count,
      (j, k, dot) => (covariance[j * d + k] += dot),
      'upper',
    );
  }
  // Mirroring the upper triangle makes the result exactly symmetric.
  for (let j = 0; j < d; j++) {
    for (let k = j; k < d; k++) {
      const value = covariance[j * d + k] / (rows - 1);
      covariance[j * d + k] = value;
      covariance[k * d + j] = value;
    }
  }
  return { count: rows, dimension: d, mean, covariance };
}
