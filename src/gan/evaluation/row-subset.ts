import { SeededRandom } from '../../core/random/seeded-random.js';
import type { FeatureMatrix } from '../metrics/feature-matrix.js';

/**
 * A seeded random subset of a matrix's rows, drawn without replacement, in a new matrix; the
 * matrix itself when it has no more rows than asked for. Files of samples are often sorted
 * (by class, by step), so the first rows are no fair subset.
 *
 * @param matrix - the rows to draw from.
 * @param rows - how many to draw.
 * @param seed - seeds the draw.
 * @returns the subset.
 */
export function rowSubset(matrix: FeatureMatrix, rows: number, seed: number): FeatureMatrix {
  if (rows >= matrix.rows) return matrix;
  const order = new SeededRandom(seed).shuffle(
    Int32Array.from({ length: matrix.rows }, (_, i) => i),
  );
  const { columns } = matrix;
  const values = new Float64Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    const from = order[row]! * columns;
    values.set(matrix.values.subarray(from, from + columns), row * columns);
  }
  return { rows, columns, values };
}
