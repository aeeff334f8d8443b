import { MetricOptionError } from './errors.js';
import { forEachRowProduct, type RowPairs } from './row-products.js';

/**
 * Checks a neighbour count option.
 *
 * @param metric - the function that takes it, for the message.
 * @param k - the count.
 */
export function checkNeighbourCount(metric: string, k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new MetricOptionError(`${metric}: k must be an integer of at least 1, got ${k}`);
  }
}

/**
 * Visits the squared Euclidean distance of every row of `a` to every row of `b`, as
 * `|x|² + |y|² − 2xᵀy` from the blocked row products (as the reference implementations compute
 * it), clamped at 0 against rounding.
 *
 * @param a - `aRows × d`, row-major.
 * @param aRows - its rows.
 * @param b - `bRows × d`, row-major; `a` itself for distances within one set.
 * @param bRows - its rows.
 * @param d - the number of features.
 * @param visit - called once per pair with row `i` of `a`, row `j` of `b` and their distance².
 * @param pairs - `all`, or `upper` for only `j ≥ i` when `b` is `a`.
 */
export function forEachSquaredDistance(
  a: Float64Array,
  aRows: number,
  b: Float64Array,
  bRows: number,
  d: number,
  visit: (i: number, j: number, squaredDistance: number) => void,
  pairs: RowPairs = 'all',
): void {
  const aNorms = squaredNorms(a, aRows, d);
  const bNorms = b === a ? aNorms : squaredNorms(b, bRows, d);
  forEachRowProduct(
    a,
    aRows,
    b,
    bRows,
    d,
    (i, j, dot) => visit(i, j, Math.max(aNorms[i] + bNorms[j] - 2 * dot, 0)),
    pairs,
  );
}

/**
 * The squared radius of each point's k-nearest-neighbour ball: the squared distance to its
 * `k`-th nearest other point of the same set. The point itself is skipped by index, so a
 * duplicate of it counts as a neighbour at distance 0, as in the reference implementations,
 * which sort each row with the point's own 0 first.
 *
 * @param values - `rows × d`, row-major.
 * @param rows - the number of points, more than `k`.
 * @param d - the number of features.
 * @param k - the neighbour count.
 * @returns one squared radius per point.
 */
export function kNearestSquaredRadii(
  values: Float64Array,
  rows: number,
  d: number,
  k: number,
): Float64Array {
  // Each row keeps its k smallest distances, sorted; each pair is measured once for both rows.
  const nearest = new Float64Array(rows * k).fill(Infinity);
  const keep = (i: number, j: number, distance: number) => {
    if (j === i) return;
    keepSmallest(nearest, i * k, k, distance);
    keepSmallest(nearest, j * k, k, distance);
  };
  forEachSquaredDistance(values, rows, values, rows, d, keep, 'upper');
  return Float64Array.from({ length: rows }, (_, i) => nearest[i * k + k - 1]);
}

function squaredNorms(values: Float64Array, rows: number, d: number): Float64Array {
  const norms = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let k = 0; k < d; k++) norms[i] += values[i * d + k] * values[i * d + k];
  }
  return norms;
}

/** Inserts `value` into the sorted run `list[start, start + k)` if it is among the k smallest. */
function keepSmallest(list: Float64Array, start: number, k: number, value: number): void {
  let at = start + k - 1;
  if (!(value < list[at])) return;
  while (at > start && list[at - 1] > value) {
    list[at] = list[at - 1];
    at--;
  }
  list[at] = value;
}
