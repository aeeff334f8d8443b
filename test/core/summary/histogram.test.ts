import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SummaryError } from '../../../src/core/summary/errors.js';
import { histogramBuckets } from '../../../src/core/summary/histogram.js';

// Expected buckets from tensorflow/tensorboard tensorboard/plugins/histogram/summary_test.py,
// SummaryV3OpTest (TensorBoard 2.21): test_empty_input, test_singleton_input,
// test_input_with_all_same_values, test_zero_bucket_count, test_normal_distribution_input.
describe('histogramBuckets', () => {
  it('writes bucketCount rows of zeros for no data', () => {
    const buckets = histogramBuckets([], 30);
    assert.equal(buckets.length, 30);
    assert.ok(buckets.every((b) => b.left === 0 && b.right === 0 && b.count === 0));
  });

  it('puts a single value in the last of bucketCount zero-width buckets', () => {
    const buckets = histogramBuckets([12], 30);
    assert.deepEqual(buckets.slice(0, 29), Array(29).fill({ left: 12, right: 12, count: 0 }));
    assert.deepEqual(buckets[29], { left: 12, right: 12, count: 1 });
  });

  it('counts values that are all equal in the last bucket', () => {
    const buckets = histogramBuckets([12, 12, 12], 30);
    assert.equal(buckets.length, 30);
    assert.deepEqual(buckets[29], { left: 12, right: 12, count: 3 });
    assert.equal(buckets[0].count, 0);
  });

  it('writes no rows for zero buckets', () => {
    assert.deepEqual(histogramBuckets([1, 1, 1], 0), []);
  });

  it('splits the range into equal-width buckets and puts the maximum in the last', () => {
    assert.deepEqual(histogramBuckets([1, 2, 3, 4, 5], 2), [
      { left: 1, right: 3, count: 2 },
      { left: 3, right: 5, count: 3 },
    ]);
  });

  it('counts every value once, from the minimum exactly to the maximum, edges contiguous', () => {
    const values = Array.from({ length: 100 }, (_, i) => Math.sin(i) * 3 + Math.cos(i * 7));
    const buckets = histogramBuckets(values, 44);
    assert.equal(buckets.length, 44);
    assert.equal(
      buckets.reduce((sum, b) => sum + b.count, 0),
      values.length,
    );
    assert.equal(buckets[0].left, Math.min(...values));
    assert.equal(buckets[43].right, Math.max(...values));
    for (let i = 1; i < buckets.length; i += 1) assert.equal(buckets[i].left, buckets[i - 1].right);
  });

  it('refuses NaN and infinite values, naming the tag', () => {
    assert.throws(() => histogramBuckets([1, Number.NaN, 2], 5, 'critic/dense/kernel'), {
      name: 'SummaryError',
      message: /critic\/dense\/kernel.*1 of 3 values/,
    });
    assert.throws(() => histogramBuckets([1, Infinity], 5), SummaryError);
  });

  it('refuses a bucket count that is not an integer >= 0', () => {
    assert.throws(() => histogramBuckets([1, 2], -1), /buckets must be an integer >= 0/);
    assert.throws(() => histogramBuckets([1, 2], 2.5), SummaryError);
  });
});
