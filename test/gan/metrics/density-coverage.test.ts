import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { densityCoverage, featureMatrix } from '../../../src/gan/metrics/index.js';
import { assertClose, loadMetricsFixtures } from './fixtures/metrics-fixtures.js';
import { normalFeatures } from './random-features.js';

const { manifold } = loadMetricsFixtures();

describe('densityCoverage', () => {
  it('matches the prdc formulas for k = 5 (the default) and k = 3', () => {
    const k5 = densityCoverage(manifold.real, manifold.fake);
    assertClose(k5.density, manifold.densityCoverageK5.density, 1e-14);
    assert.equal(k5.coverage, manifold.densityCoverageK5.coverage);
    const k3 = densityCoverage(manifold.real, manifold.fake, { k: 3 });
    assertClose(k3.density, manifold.densityCoverageK3.density, 1e-14);
    assert.equal(k3.coverage, manifold.densityCoverageK3.coverage);
  });

  it('gives full coverage and a density near 1 for the real set itself', () => {
    const real = normalFeatures(1, 300, 8);
    const { density, coverage } = densityCoverage(real, real);
    assert.equal(coverage, 1);
    assert.ok(Math.abs(density - 1) < 0.15, `density ${density}`);
  });

  it('rises above 1 and loses coverage when fake samples crowd the dense centre', () => {
    const real = normalFeatures(1, 300, 8);
    const { density, coverage } = densityCoverage(real, normalFeatures(4, 300, 8, { scale: 0.3 }));
    assert.ok(density > 2, `density ${density}`);
    assert.ok(coverage < 0.8, `coverage ${coverage}`);
  });

  it("counts a sample on a ball's boundary as outside", () => {
    // Each real point's nearest other point is 1 away; 4 lies on the boundary of 3's ball.
    const { density, coverage } = densityCoverage(
      featureMatrix([[0], [1], [2], [3]]),
      featureMatrix([[4], [10]]),
      { k: 1 },
    );
    assert.deepEqual({ density, coverage }, { density: 0, coverage: 0 });
  });

  it('rejects a real set with no more rows than k, naming it and k', () => {
    assert.throws(() => densityCoverage(normalFeatures(1, 5, 2), normalFeatures(2, 5, 2)), {
      name: 'FeatureMatrixError',
      message: /^real features: 5 rows, need at least 6 \(.*k = 5/,
    });
  });

  it('accepts a single fake sample', () => {
    // For k = 5 the radii on 0…6 are 5, 4, 3, 3, 3, 4, 5: a fake at 0 is inside the first three.
    const real = featureMatrix([[0], [1], [2], [3], [4], [5], [6]]);
    const { density, coverage } = densityCoverage(real, featureMatrix([[0]]));
    assert.equal(density, 3 / 5);
    assert.equal(coverage, 3 / 7);
  });
});
