import { FeatureMatrixError } from './errors.js';

/**
 * Features of a set of samples (e.g. Inception pool activations of real or generated images):
 * `rows` samples of `columns` features each, row-major in `values`. A `Float32Array` straight
 * from `tensor.data()` is accepted as is; the metrics read it into float64 before any arithmetic.
 */
export interface FeatureMatrix {
  /** The number of samples. */
  readonly rows: number;
  /** The number of features per sample. */
  readonly columns: number;
  /** `rows × columns` values; sample `i`'s feature `j` is `values[i * columns + j]`. */
  readonly values: Float64Array | Float32Array;
}

/**
 * Builds a {@link FeatureMatrix} from one array per sample, for tests and small hand-made sets.
 *
 * @example
 * ```ts
 * const features = featureMatrix([
 *   [0, 1],
 *   [2, 3],
 * ]); // { rows: 2, columns: 2, values: Float64Array [0, 1, 2, 3] }
 * ```
 *
 * @param samples - one array of features per sample, all of one length.
 * @returns the samples as a float64 matrix.
 */
export function featureMatrix(samples: readonly (readonly number[])[]): FeatureMatrix {
  const columns = samples[0]?.length ?? 0;
  const values = new Float64Array(samples.length * columns);
  samples.forEach((sample, row) => {
    if (sample.length !== columns) {
      throw new FeatureMatrixError(
        `sample ${row} has ${sample.length} features, sample 0 has ${columns}: ` +
          'every sample of a feature matrix needs the same number',
      );
    }
    values.set(sample, row * columns);
  });
  return { rows: samples.length, columns, values };
}

/** @returns the matrix's values in float64, copied only when they are float32. */
export function float64Values(matrix: FeatureMatrix): Float64Array {
  return matrix.values instanceof Float64Array ? matrix.values : Float64Array.from(matrix.values);
}

/**
 * Checks that `matrix` is well formed, finite and has at least `minRows` rows.
 *
 * @param matrix - the features to check.
 * @param name - how messages name it, e.g. `real features`.
 * @param minRows - the fewest rows the metric can use.
 * @param reason - why it needs that many, appended to the message.
 */
export function checkFeatureMatrix(
  matrix: FeatureMatrix,
  name: string,
  minRows: number,
  reason: string,
): void {
  const { rows, columns, values } = matrix;
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(columns) || columns < 1) {
    throw new FeatureMatrixError(
      `${name}: ${rows} rows of ${columns} columns is no shape; ` +
        'rows must be a count and columns at least 1',
    );
  }
  if (values.length !== rows * columns) {
    throw new FeatureMatrixError(
      `${name}: ${values.length} values for ${rows} rows of ${columns} columns ` +
        `(need ${rows * columns}): check rows and columns match the array`,
    );
  }
  if (rows < minRows) {
    throw new FeatureMatrixError(
      `${name}: ${rows} row${rows === 1 ? '' : 's'}, need at least ${minRows} (${reason})`,
    );
  }
  const bad = values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) {
    throw new FeatureMatrixError(
      `${name}: the value at row ${Math.floor(bad / columns)}, column ${bad % columns} is ` +
        `${values[bad]}; metrics need finite features (look for a diverged model or bad input)`,
    );
  }
}

/**
 * Checks that the real and the fake features have the same number of columns.
 *
 * @param realColumns - the columns of the reference set.
 * @param fakeColumns - the columns of the set compared with it.
 */
export function checkSameColumns(realColumns: number, fakeColumns: number): void {
  if (realColumns !== fakeColumns) {
    throw new FeatureMatrixError(
      `real features have ${realColumns} columns, fake features ${fakeColumns}: ` +
        'both sets must come from the same feature extractor',
    );
  }
}
