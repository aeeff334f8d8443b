import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ClipError, clipByValue, tf } from '../../../../src/index.js';
import { assertAllClose, describeOnBackends } from './helpers.js';

// Expected values: tensorflow/python/kernel_tests/math_ops/clip_ops_test.py, ClipTest.
describeOnBackends('clipByValue', () => {
  it('clips to [-4.4, 4.4] (testClipByValue)', () => {
    const x = tf.tensor([-5, 2, 3, 4, 5, 6], [2, 3]);
    assertAllClose(clipByValue(x, -4.4, 4.4), [
      [-4.4, 2, 3],
      [4, 4.4, 4.4],
    ]);
    x.dispose();
  });

  it('keeps NaN and clips infinities (testClipByValueNonFinite)', () => {
    const x = tf.tensor([Number.NaN, Infinity, -Infinity]);
    assertAllClose(clipByValue(x, -4, 4), [Number.NaN, 4, -4]);
    x.dispose();
  });

  it('takes tensor bounds that broadcast to t (testClipByValue1Type/3Type)', () => {
    const x = tf.tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const min = tf.tensor([2, 2, 2, 5, 5, 5], [2, 3]);
    const max = tf.tensor([5, 5, 5, 7, 7, 7], [2, 3]);
    assertAllClose(clipByValue(x, min, max), [
      [2, 2, 3],
      [5, 5, 6],
    ]);
    const rowMin = tf.tensor([[2], [1]]);
    assertAllClose(clipByValue(x, rowMin, 100), [
      [2, 2, 3],
      [4, 5, 6],
    ]);
    tf.dispose([x, min, max, rowMin]);
  });

  it('refuses bounds that would broadcast t to a larger shape (testClipByValueBadShape)', () => {
    const x = tf.tensor([-5, 2, 3, 4, 5, 6], [2, 3, 1]);
    const clip = tf.tensor([1, 2]);
    const before = tf.memory().numTensors;
    assert.throws(
      () => clipByValue(x, -1, clip),
      (error) =>
        error instanceof ClipError && /shape \[2, 3, 1\] to \[2, 3, 2\]/.test(error.message),
    );
    assert.equal(tf.memory().numTensors, before);
    tf.dispose([x, clip]);
  });

  it('handles an empty tensor (testClipByValueEmptyTensor)', () => {
    const x = tf.zeros([7, 0]);
    const clipped = clipByValue(x, 1, 1);
    assert.deepEqual(clipped.shape, [7, 0]);
    tf.dispose([x, clipped]);
  });

  it('clips every gradient of a gradsAndVars list and passes null through', () => {
    const v = tf.variable(tf.zeros([2]), true, 'clipByValue/test/v');
    const w = tf.variable(tf.zeros([1]), true, 'clipByValue/test/w');
    const g = tf.tensor([-3, 0.5]);
    const clipped = clipByValue(
      [
        [g, v],
        [null, w],
      ],
      -1,
      1,
    );
    assert.equal(clipped[0]![1], v);
    assert.deepEqual(clipped[1], [null, w]);
    assertAllClose(clipped[0]![0]!, [-1, 0.5]);
    tf.dispose([g, v, w]);
  });
});
