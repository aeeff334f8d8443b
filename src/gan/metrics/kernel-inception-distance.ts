import { SeededRandom } from '../../core/random/seeded-random.js';
import { MetricOptionError } from './errors.js';
import {
  checkFeatureMatrix,
  checkSameColumns,
  float64Values,
  type FeatureMatrix,
} from './feature-matrix.js';
import { forEachRowProduct } from './row-products.js';

/** Options of {@link kernelInceptionDistance}; the defaults are torch-fidelity's. */
export interface KernelInceptionDistanceOptions {
  /** How many pairs of subsets to average over. Default 100. */
  numSubsets?: number;
  /** Samples drawn from each set per subset, capped at the smaller set's rows. Default 1000. */
  subsetSize?: number;
  /** Seeds the {@link SeededRandom} that draws subsets: equal seeds, equal results. Default 0. */
  seed?: number;
}

/** What {@link kernelInceptionDistance} measured. */
export interface KernelInceptionDistanceResult {
  /** The mean of the per-subset MMD² estimates: the KID. */
  mean: number;
  /** Their standard deviation (population, `ddof = 0`, as torch-fidelity reports it). */
  std: number;
  /** The subset size used, after capping at the smaller set's rows. */
  subsetSize: number;
  /** The number of subsets averaged. */
  numSubsets: number;
}

/**
 * The kernel inception distance (Bińkowski et al. 2018): the unbiased estimate of the squared
 * maximum mean discrepancy under the cubic polynomial kernel `k(x, y) = (xᵀy / d + 1)³`,
 * averaged over random pairs of subsets drawn without replacement, as torch-fidelity computes
 * it; the subsets come from a {@link SeededRandom}, not NumPy's generator, so they differ from
 * torch-fidelity's for the same seed. Unlike the Fréchet distance the estimate is unbiased in
 * the sample count, so values from different counts compare, and it can be slightly negative
 * when the sets match. When both sets are no larger than `subsetSize`, every subset is a whole
 * set and `std` is 0 up to rounding. Cost grows as `numSubsets · subsetSize² · columns`.
 *
 * @example
 * ```ts
 * const { mean, std } = kernelInceptionDistance(realFeatures, fakeFeatures, { seed: 1 });
 * console.log(`KID ${mean.toFixed(4)} ± ${std.toFixed(4)}`);
 * ```
 *
 * @param real - features of real samples, at least 2 rows.
 * @param fake - features of generated samples, at least 2 rows, the same number of columns.
 * @param options - see {@link KernelInceptionDistanceOptions}.
 * @returns the mean and standard deviation over subsets.
 */
export function kernelInceptionDistance(
  real: FeatureMatrix,
  fake: FeatureMatrix,
  options: KernelInceptionDistanceOptions = {},
): KernelInceptionDistanceResult {
  checkPair(real, fake);
  const numSubsets = options.numSubsets ?? 100;
  const requestedSize = options.subsetSize ?? 1000;
  checkCount('numSubsets', numSubsets, 1);
  checkCount('subsetSize', requestedSize, 2);
  const subsetSize = Math.min(requestedSize, real.rows, fake.rows);

  const random = new SeededRandom(options.seed ?? 0);
  const realOrder = Int32Array.from({ length: real.rows }, (_, i) => i);
  const fakeOrder = Int32Array.from({ length: fake.rows }, (_, i) => i);
  const estimates = new Float64Array(numSubsets);
  for (let s = 0; s < numSubsets; s++) {
    const x = gatherRows(real, drawSubset(random, realOrder, subsetSize));
    const y = gatherRows(fake, drawSubset(random, fakeOrder, subsetSize));
    estimates[s] = unbiasedMmd2(x, subsetSize, y, subsetSize, real.columns);
  }
  const mean = estimates.reduce((sum, value) => sum + value, 0) / numSubsets;
  const variance =
    estimates.reduce((sum, value) => sum + (value - mean) * (value - mean), 0) / numSubsets;
  return { mean, std: Math.sqrt(variance), subsetSize, numSubsets };
}

/**
 * The unbiased MMD² estimate of {@link kernelInceptionDistance} on two whole sets, with no
 * subsets drawn: `Σ_{i≠j} k(xᵢ, xⱼ) / (m(m−1)) + Σ_{i≠j} k(yᵢ, yⱼ) / (n(n−1)) −
 * 2 Σ_{i,j} k(xᵢ, yⱼ) / (mn)` under the cubic polynomial kernel. For `m = n` it is
 * torch-fidelity's `mmd2(..., mmd_est='unbiased')`.
 *
 * @example
 * ```ts
 * polynomialMmd2(realSubset, fakeSubset); // near 0 when both come from one distribution
 * ```
 *
 * @param real - at least 2 rows.
 * @param fake - at least 2 rows, the same number of columns.
 * @returns the estimate.
 */
export function polynomialMmd2(real: FeatureMatrix, fake: FeatureMatrix): number {
  checkPair(real, fake);
  const { rows: m, columns: d } = real;
  return unbiasedMmd2(float64Values(real), m, float64Values(fake), fake.rows, d);
}

function checkPair(real: FeatureMatrix, fake: FeatureMatrix): void {
  const reason = 'the unbiased MMD² estimate pairs distinct samples of each set';
  checkFeatureMatrix(real, 'real features', 2, reason);
  checkFeatureMatrix(fake, 'fake features', 2, reason);
  checkSameColumns(real.columns, fake.columns);
}

function checkCount(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new MetricOptionError(
      `kernelInceptionDistance: ${name} must be an integer of at least ${minimum}, got ${value}`,
    );
  }
}

/**
 * Draws `size` distinct indices by a partial Fisher–Yates shuffle of `order`. Continuing from
 * the previous draw's order keeps every draw uniform and saves refilling the array.
 */
function drawSubset(random: SeededRandom, order: Int32Array, size: number): Int32Array {
  for (let i = 0; i < size; i++) {
    const j = i + random.integer(order.length - i);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return order.subarray(0, size);
}

function gatherRows(matrix: FeatureMatrix, indices: Int32Array): Float64Array {
  const { columns, values } = matrix;
  const rows = new Float64Array(indices.length * columns);
  indices.forEach((index, row) => {
    rows.set(values.subarray(index * columns, (index + 1) * columns), row * columns);
  });
  return rows;
}

/** The estimate on row-major `x` (`m × d`) and `y` (`n × d`). */
function unbiasedMmd2(x: Float64Array, m: number, y: Float64Array, n: number, d: number): number {
  return (
    (2 * offDiagonalKernelSum(x, m, d)) / (m * (m - 1)) +
    (2 * offDiagonalKernelSum(y, n, d)) / (n * (n - 1)) -
    (2 * crossKernelSum(x, m, y, n, d)) / (m * n)
  );
}

/** `Σ_{i<j} k(aᵢ, aⱼ)`: the kernel matrix is symmetric, so half of it suffices. */
function offDiagonalKernelSum(a: Float64Array, rows: number, d: number): number {
  let sum = 0;
  forEachRowProduct(
    a,
    rows,
    a,
    rows,
    d,
    (i, j, dot) => {
      if (j > i) sum += cubicKernel(dot, d);
    },
    'upper',
  );
  return sum;
}

function crossKernelSum(a: Float64Array, m: number, b: Float64Array, n: number, d: number): number {
  let sum = 0;
  forEachRowProduct(a, m, b, n, d, (_i, _j, dot) => (sum += cubicKernel(dot, d)));
  return sum;
}

/** `k(x, y) = (xᵀy / d + 1)³` from the product `xᵀy`. */
function cubicKernel(dot: number, d: number): number {
  const base = dot / d + 1;
  return base * base * base;
}
