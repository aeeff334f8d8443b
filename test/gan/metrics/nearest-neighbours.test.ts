import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { kNearestSquaredRadii } from '../../../src/gan/metrics/nearest-neighbours.js';

describe('kNearestSquaredRadii', () => {
  it("gives the squared distance to each point's k-th nearest other point", () => {
    const points = Float64Array.of(0, 1, 3, 7);
    assert.deepEqual([...kNearestSquaredRadii(points, 4, 1, 1)], [1, 1, 4, 16]);
    assert.deepEqual([...kNearestSquaredRadii(points, 4, 1, 2)], [9, 4, 9, 36]);
  });

  it('skips the point itself but counts a duplicate of it at distance 0', () => {
    const points = Float64Array.of(0, 0, 0, 0, 0, 1); // (0, 0) twice and (0, 1)
    assert.deepEqual([...kNearestSquaredRadii(points, 3, 2, 1)], [0, 0, 1]);
  });
});
