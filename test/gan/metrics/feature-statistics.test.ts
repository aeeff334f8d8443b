import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureMatrix, featureStatistics } from '../../../src/gan/metrics/index.js';

describe('featureStatistics', () => {
  it('gives the mean and the unbiased (n − 1) covariance', () => {
    const stats = featureStatistics(
      featureMatrix([
        [0, 1, 0],
        [2, 1, 3],
        [4, 1, 3],
      ]),
    );
    assert.equal(stats.count, 3);
    assert.equal(stats.dimension, 3);
    assert.deepEqual([...stats.mean], [2, 1, 2]);
    // Column 0 deviates by (−2, 0, 2), column 2 by (−2, 1, 1); column 1 is constant.
    assert.deepEqual([...stats.covariance], [4, 0, 3, 0, 0, 0, 3, 0, 3]);
  });

  it('keeps its precision when every feature carries a large offset', () => {
    const offset = 1e8;
    const stats = featureStatistics(
      featureMatrix([[offset + 1], [offset - 1], [offset + 1], [offset - 1]]),
    );
    // E[x²] − μ² would lose all digits of this variance to the 1e16-sized terms.
    assert.equal(stats.covariance[0], 4 / 3);
  });

  it('rejects a single sample, naming the matrix', () => {
    assert.throws(
      () => featureStatistics(featureMatrix([[1, 2]]), 'fake features'),
      /fake features: 1 row, need at least 2 \(a covariance divides by rows − 1\)/,
    );
  });
});
