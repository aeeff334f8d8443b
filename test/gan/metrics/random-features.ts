import { SeededRandom } from '../../../src/core/random/seeded-random.js';
import type { FeatureMatrix } from '../../../src/gan/metrics/index.js';

/**
 * @returns `rows` samples of independent normal features, each `scale · N(0, 1) + shift`.
 */
export function normalFeatures(
  seed: number,
  rows: number,
  columns: number,
  { scale = 1, shift = 0 }: { scale?: number; shift?: number } = {},
): FeatureMatrix & { values: Float64Array } {
  const random = new SeededRandom(seed);
  const values = Float64Array.from(
    { length: rows * columns },
    () => scale * random.normal() + shift,
  );
  return { rows, columns, values };
}

/** @returns the rows of `matrix` at `indices`, in that order. */
export function pickRows(matrix: FeatureMatrix, indices: readonly number[]): FeatureMatrix {
  const { columns, values } = matrix;
  const picked = new Float64Array(indices.length * columns);
  indices.forEach((index, row) => {
    picked.set(values.subarray(index * columns, (index + 1) * columns), row * columns);
  });
  return { rows: indices.length, columns, values: picked };
}
