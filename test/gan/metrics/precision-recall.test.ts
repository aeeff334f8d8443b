import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  featureMatrix,
  precisionRecall,
  type FeatureMatrix,
} from '../../../src/gan/metrics/index.js';
import { loadMetricsFixtures } from './fixtures/metrics-fixtures.js';
import { normalFeatures } from './random-features.js';

const { manifold } = loadMetricsFixtures();

/** Two well-separated clusters of `rows / 2` samples each, around −5 and +5 in every feature. */
function twoClusters(seed: number, rows: number, columns: number): FeatureMatrix {
  const matrix = normalFeatures(seed, rows, columns);
  matrix.values.forEach((value, i) => {
    matrix.values[i] = value + (Math.floor(i / columns) < rows / 2 ? -5 : 5);
  });
  return matrix;
}

describe('precisionRecall', () => {
  it('matches the NVlabs formulas for k = 3 (the default) and k = 5', () => {
    assert.deepEqual(precisionRecall(manifold.real, manifold.fake), manifold.precisionRecallK3);
    assert.deepEqual(
      precisionRecall(manifold.real, manifold.fake, { k: 5 }),
      manifold.precisionRecallK5,
    );
  });

  it('gives precision and recall 1 for identical sets', () => {
    assert.deepEqual(precisionRecall(manifold.real, manifold.real), { precision: 1, recall: 1 });
  });

  it('keeps precision and halves recall for a generator that covers one of two modes', () => {
    const real = twoClusters(1, 200, 4);
    const oneMode = normalFeatures(2, 100, 4, { shift: 5 });
    const { precision, recall } = precisionRecall(real, oneMode);
    assert.ok(precision > 0.9, `precision ${precision}`);
    assert.ok(Math.abs(recall - 0.5) < 0.05, `recall ${recall}`);
  });

  it("counts a sample on a ball's boundary as inside", () => {
    // Each real point's nearest other point is 1 away; 4 lies on the boundary of 3's ball.
    const real = featureMatrix([[0], [1], [2], [3]]);
    const fake = featureMatrix([[4], [10]]);
    assert.equal(precisionRecall(real, fake, { k: 1 }).precision, 0.5);
  });

  it('rejects a k that is not a positive integer', () => {
    assert.throws(() => precisionRecall(manifold.real, manifold.fake, { k: 0 }), {
      name: 'MetricOptionError',
      message: 'precisionRecall: k must be an integer of at least 1, got 0',
    });
  });

  it('rejects a set with no more rows than k, naming it and k', () => {
    const fake = featureMatrix([
      [0, 0, 0, 0],
      [1, 1, 1, 1],
      [2, 2, 2, 2],
    ]);
    assert.throws(() => precisionRecall(manifold.real, fake), {
      name: 'FeatureMatrixError',
      message: /^fake features: 3 rows, need at least 4 \(.*k = 3/,
    });
  });
});
