import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  featureMatrix,
  kernelInceptionDistance,
  MetricOptionError,
  polynomialMmd2,
} from '../../../src/gan/metrics/index.js';
import { assertClose, loadMetricsFixtures } from './fixtures/metrics-fixtures.js';
import { normalFeatures, pickRows } from './random-features.js';

const { kid } = loadMetricsFixtures();

describe('polynomialMmd2', () => {
  it('matches the reference unbiased MMD² on whole sets of 60 and 50 (relative 1e-12)', () => {
    assertClose(polynomialMmd2(kid.real, kid.fake), kid.wholeSetMmd2, 1e-12);
  });

  it("matches torch-fidelity's mmd2 on each of the fixture's fixed subsets of 20", () => {
    kid.subsets.forEach((subset, s) => {
      const mmd2 = polynomialMmd2(pickRows(kid.real, subset.real), pickRows(kid.fake, subset.fake));
      assertClose(mmd2, kid.subsetMmd2[s]!, 1e-12);
    });
  });

  it('is symmetric in its arguments', () => {
    assertClose(polynomialMmd2(kid.fake, kid.real), polynomialMmd2(kid.real, kid.fake), 1e-14);
  });

  it('rejects a set of one sample, naming it', () => {
    assert.throws(() => polynomialMmd2(kid.real, featureMatrix([new Array<number>(10).fill(0)])), {
      name: 'FeatureMatrixError',
      message: /^fake features: 1 row, need at least 2/,
    });
  });
});

describe('kernelInceptionDistance', () => {
  it('reports the whole-set estimate with zero spread when every subset is the whole set', () => {
    const real = pickRows(kid.real, kid.subsets[0]!.real);
    const fake = pickRows(kid.fake, kid.subsets[0]!.fake);
    const result = kernelInceptionDistance(real, fake, { numSubsets: 3 });
    assert.equal(result.subsetSize, 20);
    assert.equal(result.numSubsets, 3);
    assertClose(result.mean, kid.subsetMmd2[0]!, 1e-12);
    assert.ok(result.std < 1e-12 * result.mean, `${result.std}`);
  });

  it('caps the subset size at the smaller set and gives equal results for equal seeds', () => {
    const first = kernelInceptionDistance(kid.real, kid.fake, { numSubsets: 10, seed: 4 });
    assert.equal(first.subsetSize, 50);
    assert.deepEqual(
      kernelInceptionDistance(kid.real, kid.fake, { numSubsets: 10, seed: 4 }),
      first,
    );
    const other = kernelInceptionDistance(kid.real, kid.fake, { numSubsets: 10, seed: 5 });
    assert.notEqual(other.mean, first.mean);
  });

  it('gives the population standard deviation of the subset estimates around their mean', () => {
    const result = kernelInceptionDistance(kid.real, kid.fake, { numSubsets: 8, subsetSize: 20 });
    assert.ok(result.std > 0);
    // The subsets vary around the whole-set value: the mean lies within a few spreads of it.
    assert.ok(Math.abs(result.mean - kid.wholeSetMmd2) < 3 * result.std);
  });

  it('is near zero for two samples of one distribution and grows with a shift of the mean', () => {
    const real = normalFeatures(1, 300, 8);
    const options = { numSubsets: 20, subsetSize: 100 };
    const same = kernelInceptionDistance(real, normalFeatures(2, 300, 8), options);
    const shifted = kernelInceptionDistance(
      real,
      normalFeatures(3, 300, 8, { shift: 0.5 }),
      options,
    );
    assert.ok(Math.abs(same.mean) < 0.1, `${same.mean}`);
    assert.ok(shifted.mean > 0.5 && shifted.mean > 10 * Math.abs(same.mean), `${shifted.mean}`);
  });

  it('rejects a subset count or size out of range, naming the option', () => {
    assert.throws(
      () => kernelInceptionDistance(kid.real, kid.fake, { numSubsets: 0 }),
      (error: unknown) =>
        error instanceof MetricOptionError &&
        /numSubsets must be an integer of at least 1, got 0/.test(error.message),
    );
    assert.throws(() => kernelInceptionDistance(kid.real, kid.fake, { subsetSize: 1 }), {
      name: 'MetricOptionError',
      message: /subsetSize must be an integer of at least 2, got 1/,
    });
  });

  it('rejects column counts that differ, naming both', () => {
    assert.throws(() => kernelInceptionDistance(kid.real, normalFeatures(1, 30, 9)), {
      name: 'FeatureMatrixError',
      message: /^real features have 10 columns, fake features 9/,
    });
  });
});
