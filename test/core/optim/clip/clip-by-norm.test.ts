import assert from 'node:assert/strict';
import { it } from 'node:test';
import { ClipError, clipByAverageNorm, clipByNorm, tf } from '../../../../src/index.js';
import { assertAllClose, describeOnBackends } from './helpers.js';

// Expected values: tensorflow/python/kernel_tests/math_ops/clip_ops_test.py, ClipTest.
describeOnBackends('clipByNorm', () => {
  const x = (): tf.Tensor => tf.tensor([-3, 0, 0, 4, 0, 0], [2, 3]); // norm 5

  it('scales a tensor of norm 5 down to 4 (testClipByNormClipped)', () => {
    const t = x();
    assertAllClose(clipByNorm(t, 4), [
      [-2.4, 0, 0],
      [3.2, 0, 0],
    ]);
    t.dispose();
  });

  it('leaves a tensor within the norm unchanged (testClipByNormNotClipped)', () => {
    const t = x();
    assertAllClose(clipByNorm(t, 6), [
      [-3, 0, 0],
      [4, 0, 0],
    ]);
    t.dispose();
  });

  it('leaves a zero tensor unchanged (testClipByNormZero)', () => {
    const t = tf.zeros([2, 3]);
    assertAllClose(clipByNorm(t, 6), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    t.dispose();
  });

  it('clips each column with axes [0] and each row with axes [1] (testClipByNormClippedWithDim0/1)', () => {
    const t = tf.tensor([-3, 0, 0, 4, 0, 3], [2, 3]);
    assertAllClose(clipByNorm(t, 4, [0]), [
      [-2.4, 0, 0],
      [3.2, 0, 3],
    ]);
    assertAllClose(clipByNorm(t, 4, [1]), [
      [-3, 0, 0],
      [3.2, 0, 2.4],
    ]);
    assertAllClose(clipByNorm(t, 6, [1]), [
      [-3, 0, 0],
      [4, 0, 3],
    ]); // testClipByNormNotClippedWithAxes
    t.dispose();
  });

  it('has a finite gradient at zero (testClipByNormGradientZeros)', () => {
    const t = tf.zeros([3]);
    assertAllClose(tf.grad((v: tf.Tensor) => clipByNorm(v, 1))(t), [1, 1, 1]);
    t.dispose();
  });

  it('treats a negative clipNorm as zero, as TensorFlow does', () => {
    const t = x();
    assertAllClose(clipByNorm(t, -1), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    t.dispose();
  });

  it('names an out-of-range axis and a non-finite clipNorm', () => {
    const t = x();
    assert.throws(
      () => clipByNorm(t, 1, [2]),
      (e) => e instanceof ClipError && /axis 2/.test(e.message),
    );
    assert.throws(() => clipByNorm(t, Number.NaN), /clipByNorm: clipNorm must be a finite number/);
    t.dispose();
  });
});

describeOnBackends('clipByAverageNorm', () => {
  // Average norm of x = sqrt(3^2 + 4^2) / 6 = 0.8333.
  const x = (): tf.Tensor => tf.tensor([-3, 0, 0, 4, 0, 0], [2, 3]);

  it('scales the average norm down to 0.8 (testClipByAverageNormClipped)', () => {
    const t = x();
    assertAllClose(clipByAverageNorm(t, 0.8), [
      [-2.88, 0, 0],
      [3.84, 0, 0],
    ]);
    t.dispose();
  });

  it('leaves a tensor within the average norm unchanged (testClipByAverageNormNotClipped)', () => {
    const t = x();
    assertAllClose(clipByAverageNorm(t, 0.9), [
      [-3, 0, 0],
      [4, 0, 0],
    ]);
    t.dispose();
  });

  it('leaves a zero tensor unchanged (testClipByAverageNormZero)', () => {
    const t = tf.zeros([2, 3]);
    assertAllClose(clipByAverageNorm(t, 0.9), [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    t.dispose();
  });

  it('equals clipByNorm with clipNorm * size (testClipByAverageNormReplacedWithClipByNorm)', () => {
    const t = x();
    const byNorm = clipByNorm(t, 0.8 * t.size);
    assertAllClose(clipByAverageNorm(t, 0.8), byNorm.arraySync() as number[][]);
    tf.dispose([t, byNorm]);
  });

  it('requires a positive clipNorm', () => {
    const t = x();
    assert.throws(
      () => clipByAverageNorm(t, 0),
      /clipByAverageNorm: clipNorm must be a finite number greater than 0/,
    );
    t.dispose();
  });
});
