import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  featureMatrix,
  FeatureMatrixError,
  featureStatistics,
  frechetDistance,
  frechetDistanceFromStatistics,
} from '../../../src/gan/metrics/index.js';
import { traceSqrtProduct } from '../../../src/gan/metrics/trace-sqrt-product.js';
import { assertClose, loadMetricsFixtures } from './fixtures/metrics-fixtures.js';
import { normalFeatures } from './random-features.js';

const fixtures = loadMetricsFixtures();

function covarianceTrace(matrix: Parameters<typeof featureStatistics>[0]): number {
  const { covariance, dimension } = featureStatistics(matrix);
  let trace = 0;
  for (let j = 0; j < dimension; j++) trace += covariance[j * dimension + j];
  return trace;
}

describe('frechetDistance', () => {
  it("matches pytorch-fid's sqrtm formula on well-conditioned data (relative 1e-9)", () => {
    const { real, fake, sqrtm, factors } = fixtures.frechet;
    const distance = frechetDistance(real, fake);
    assertClose(distance, sqrtm, 1e-9);
    // The factor route shares no step with sqrtm or with gantry's, so it can be held tighter.
    assertClose(distance, factors, 1e-12);
  });

  it('gives zero for identical sets, up to rounding at the scale of the covariance', () => {
    const { real } = fixtures.frechet;
    const distance = frechetDistance(real, real);
    assert.ok(Math.abs(distance) <= 1e-9 * covarianceTrace(real), `${distance}`);
  });

  it('equals the squared shift for sets that differ by a translation', () => {
    const real = normalFeatures(1, 300, 8);
    const shift = [0.5, -1.25, 2, 0, 0.75, -0.5, 1, 0.25];
    const fake = { ...real, values: real.values.map((value, i) => value + shift[i % 8]!) };
    const squaredShift = shift.reduce((sum, s) => sum + s * s, 0);
    assertClose(frechetDistance(real, fake), squaredShift, 1e-9);
  });

  it('gives a finite, correct value for rank-deficient covariance, where sqrtm is off', () => {
    const { real, fake, sqrtm, factors } = fixtures.rankDeficient;
    const distance = frechetDistance(real, fake);
    assertClose(distance, factors, 1e-12);
    // SciPy's sqrtm of the singular product is off in the 8th digit; the eigen route is not.
    assert.ok(Math.abs(distance - factors) < Math.abs(sqrtm - factors) / 100);
  });

  it('gives zero for identical sets with a constant feature', () => {
    const real = normalFeatures(2, 50, 4);
    for (let i = 0; i < 50; i++) real.values[i * 4 + 3] = 7;
    assert.ok(Math.abs(frechetDistance(real, real)) <= 1e-9 * covarianceTrace(real));
  });

  it('rejects fewer samples than dimensions, naming the set and both counts', () => {
    const { real, fake } = fixtures.fewSamples;
    assert.throws(
      () => frechetDistance(real, fake),
      (error: unknown) =>
        error instanceof FeatureMatrixError &&
        /^real features: 6 rows for 10 columns; .*allowFewSamples: true/.test(error.message),
    );
  });

  it('computes it for fewer samples than dimensions when allowFewSamples is set', () => {
    const { real, fake, factors } = fixtures.fewSamples;
    assertClose(frechetDistance(real, fake, { allowFewSamples: true }), factors, 1e-12);
  });

  it('rejects a set with a single row, naming it', () => {
    assert.throws(() => frechetDistance(normalFeatures(3, 20, 2), featureMatrix([[1, 2]])), {
      name: 'FeatureMatrixError',
      message: /^fake features: 1 row, need at least 2/,
    });
  });

  it('rejects column counts that differ, naming both', () => {
    assert.throws(() => frechetDistance(fixtures.frechet.real, fixtures.rankDeficient.fake), {
      name: 'FeatureMatrixError',
      message: /^real features have 6 columns, fake features 5/,
    });
  });

  it('rejects NaN, naming the matrix', () => {
    const fake = normalFeatures(4, 20, 2);
    fake.values[7] = NaN;
    assert.throws(() => frechetDistance(normalFeatures(5, 20, 2), fake), {
      name: 'FeatureMatrixError',
      message: /^fake features: the value at row 3, column 1 is NaN/,
    });
  });

  it('reads float32 features in float64', () => {
    const { real, fake } = fixtures.frechet;
    const real32 = { ...real, values: Float32Array.from(real.values) };
    const fake32 = { ...fake, values: Float32Array.from(fake.values) };
    const widened = (m: typeof real32) => ({ ...m, values: Float64Array.from(m.values) });
    assert.equal(
      frechetDistance(real32, fake32),
      frechetDistance(widened(real32), widened(fake32)),
    );
  });
});

describe('frechetDistanceFromStatistics', () => {
  it('gives the same distance from statistics computed once', () => {
    const { real, fake } = fixtures.frechet;
    const distance = frechetDistanceFromStatistics(
      featureStatistics(real),
      featureStatistics(fake),
    );
    assert.equal(distance, frechetDistance(real, fake));
  });
});

describe('traceSqrtProduct', () => {
  it('gives the trace of the square root of a product of diagonal matrices', () => {
    assertClose(
      traceSqrtProduct(Float64Array.of(4, 0, 0, 9), Float64Array.of(1, 0, 0, 4), 2),
      8,
      1e-15,
    );
  });

  it('agrees with the 2 × 2 closed form √(tr M + 2√det M) for matrices that do not commute', () => {
    // A B = [[2, 3], [1, 6]]: trace 8, determinant 9.
    const a = Float64Array.of(2, 1, 1, 2);
    const b = Float64Array.of(1, 0, 0, 3);
    assertClose(traceSqrtProduct(a, b, 2), Math.sqrt(14), 1e-14);
  });

  it('gives zero when one matrix is zero', () => {
    assert.equal(traceSqrtProduct(Float64Array.of(1, 0, 0, 1), new Float64Array(4), 2), 0);
  });
});
