import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFeatureMatrix } from '../../../src/gan/metrics/feature-matrix.js';
import { featureMatrix, FeatureMatrixError, MetricError } from '../../../src/gan/metrics/index.js';

describe('featureMatrix', () => {
  it('lays samples out row-major in float64', () => {
    const matrix = featureMatrix([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    assert.equal(matrix.rows, 2);
    assert.equal(matrix.columns, 3);
    assert.ok(matrix.values instanceof Float64Array);
    assert.deepEqual([...matrix.values], [1, 2, 3, 4, 5, 6]);
  });

  it('rejects samples of different lengths, naming the sample', () => {
    assert.throws(
      () => featureMatrix([[1, 2], [3]]),
      (error: unknown) =>
        error instanceof FeatureMatrixError &&
        error instanceof MetricError &&
        /sample 1 has 1 features, sample 0 has 2/.test(error.message),
    );
  });
});

describe('checkFeatureMatrix', () => {
  const check = (matrix: Parameters<typeof checkFeatureMatrix>[0], minRows = 2) =>
    checkFeatureMatrix(matrix, 'real features', minRows, 'a reason');

  it('accepts a finite float32 matrix with enough rows', () => {
    check({ rows: 2, columns: 2, values: Float32Array.of(0, 1, 2, 3) });
  });

  it('rejects too few rows, naming the matrix, the count and the reason', () => {
    assert.throws(() => check(featureMatrix([[1, 2]])), {
      name: 'FeatureMatrixError',
      message: 'real features: 1 row, need at least 2 (a reason)',
    });
  });

  it('rejects a value array that does not match the shape', () => {
    assert.throws(
      () => check({ rows: 2, columns: 3, values: new Float64Array(5) }),
      /real features: 5 values for 2 rows of 3 columns \(need 6\)/,
    );
  });

  it('rejects a shape that is no shape', () => {
    assert.throws(
      () => check({ rows: 2.5, columns: 0, values: new Float64Array(0) }),
      /real features: 2.5 rows of 0 columns is no shape/,
    );
  });

  it('rejects NaN and infinities, naming the matrix and where the value is', () => {
    const values = Float64Array.of(0, 1, 2, 3, NaN, 5);
    assert.throws(
      () => check({ rows: 3, columns: 2, values }),
      /real features: the value at row 2, column 0 is NaN; metrics need finite features/,
    );
    values[4] = 4;
    values[1] = -Infinity;
    assert.throws(() => check({ rows: 3, columns: 2, values }), /row 0, column 1 is -Infinity/);
  });
});
