import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classCoverage, MetricOptionError } from '../../../src/gan/metrics/index.js';

describe('classCoverage', () => {
  it('counts the classes present and the entropy of their histogram', () => {
    const coverage = classCoverage(Int32Array.from([0, 0, 1, 3]), 4);
    assert.deepEqual(coverage.counts, [2, 1, 0, 1]);
    assert.equal(coverage.classesPresent, 3);
    assert.equal(coverage.classCount, 4);
    const expected = -(0.5 * Math.log(0.5) + 2 * 0.25 * Math.log(0.25));
    assert.ok(Math.abs(coverage.entropy - expected) < 1e-15);
  });

  it('reaches ln(classes) for a balanced set and 0 for a collapse onto one class', () => {
    const balanced = Array.from({ length: 100 }, (_, i) => i % 10);
    assert.ok(Math.abs(classCoverage(balanced, 10).entropy - Math.log(10)) < 1e-12);
    assert.equal(classCoverage([7, 7, 7], 10).entropy, 0);
    assert.equal(classCoverage([7, 7, 7], 10).classesPresent, 1);
  });

  it('rejects an empty set and a class outside the range, naming the sample', () => {
    assert.throws(() => classCoverage([], 10), MetricOptionError);
    assert.throws(() => classCoverage([0, 10], 10), /sample 1 is predicted as class 10/);
  });
});
