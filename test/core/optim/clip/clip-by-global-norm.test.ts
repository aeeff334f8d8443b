import assert from 'node:assert/strict';
import { it } from 'node:test';
import {
  ClipError,
  clipByGlobalNorm,
  globalNorm,
  GradientDescentOptimizer,
  tf,
} from '../../../../src/index.js';
import { assertAllClose, describeOnBackends } from './helpers.js';

// Expected values: tensorflow/python/kernel_tests/math_ops/clip_ops_test.py, ClipTest
// (testClipByGlobalNorm*). x0 and x1 have global norm sqrt(2^2 + 4^2 + 1^2 + 2^2) = 5.
const x0Values = [
  [-2, 0, 0],
  [4, 0, 0],
];
const x1Values = [1, -2];

describeOnBackends('clipByGlobalNorm', () => {
  it('scales every tensor by clipNorm / globalNorm (testClipByGlobalNormClipped)', () => {
    const [x0, x1] = [tf.tensor(x0Values), tf.tensor(x1Values)];
    const { clipped, globalNorm: norm } = clipByGlobalNorm([x0, x1], 4);
    assertAllClose(norm, 5);
    assertAllClose(clipped[0]!, [
      [-1.6, 0, 0],
      [3.2, 0, 0],
    ]);
    assertAllClose(clipped[1]!, [0.8, -1.6]);
    tf.dispose([x0, x1]);
  });

  it('keeps null entries in place (testClipByGlobalNormSupportsNone)', () => {
    const [x0, x1] = [tf.tensor(x0Values), tf.tensor(x1Values)];
    const { clipped, globalNorm: norm } = clipByGlobalNorm([x0, null, x1, null], 4);
    assert.equal(clipped[1], null);
    assert.equal(clipped[3], null);
    assertAllClose(norm, 5);
    assertAllClose(clipped[0]!, [
      [-1.6, 0, 0],
      [3.2, 0, 0],
    ]);
    assertAllClose(clipped[2]!, [0.8, -1.6]);
    tf.dispose([x0, x1]);
  });

  it('leaves tensors within the norm unchanged (testClipByGlobalNormNotClipped)', () => {
    const [x0, x1] = [tf.tensor(x0Values), tf.tensor(x1Values)];
    const { clipped, globalNorm: norm } = clipByGlobalNorm([x0, x1], 6);
    assertAllClose(norm, 5);
    assertAllClose(clipped[0]!, x0Values);
    assertAllClose(clipped[1]!, x1Values);
    tf.dispose([x0, x1]);
  });

  it('leaves zero tensors unchanged and reports norm 0 (testClipByGlobalNormZero)', () => {
    const [x0, x1] = [tf.zeros([2, 3]), tf.zeros([2])];
    const { clipped, globalNorm: norm } = clipByGlobalNorm([x0, x1], 6);
    assertAllClose(norm, 0);
    assertAllClose(clipped[0]!, [
      [0, 0, 0],
      [0, 0, 0],
    ]);
    assertAllClose(clipped[1]!, [0, 0]);
    tf.dispose([x0, x1]);
  });

  it('returns all-NaN tensors when the global norm is infinite (testClipByGlobalNormInf)', () => {
    const x0 = tf.tensor([-2, 0, Infinity, 4, 0, 0], [2, 3]);
    const x1 = tf.tensor(x1Values);
    const { clipped, globalNorm: norm } = clipByGlobalNorm([x0, x1], 6);
    assert.equal(norm.dataSync()[0], Infinity);
    norm.dispose();
    assertAllClose(clipped[0]!, [
      [NaN, NaN, NaN],
      [NaN, NaN, NaN],
    ]);
    assertAllClose(clipped[1]!, [NaN, NaN]);
    tf.dispose([x0, x1]);
  });

  it('returns all-NaN tensors when the global norm is NaN', () => {
    const x = tf.tensor([1, Number.NaN]);
    const { clipped, globalNorm: norm } = clipByGlobalNorm([x], 6);
    assert.ok(Number.isNaN(norm.dataSync()[0]));
    norm.dispose();
    assertAllClose(clipped[0]!, [NaN, NaN]);
    x.dispose();
  });

  it('uses useNorm instead of computing the norm, and returns it', () => {
    const x1 = tf.tensor(x1Values);
    const { clipped, globalNorm: norm } = clipByGlobalNorm([x1], 1, 10);
    assertAllClose(norm, 10);
    assertAllClose(clipped[0]!, [0.1, -0.2]);
    x1.dispose();
  });

  it('clips [gradient, variable] pairs, keeping variables and null gradients', () => {
    const v = tf.variable(tf.zeros([2, 3]), true, 'clipByGlobalNorm/test/v');
    const w = tf.variable(tf.zeros([2]), true, 'clipByGlobalNorm/test/w');
    const u = tf.variable(tf.zeros([1]), true, 'clipByGlobalNorm/test/u');
    const [g0, g1] = [tf.tensor(x0Values), tf.tensor(x1Values)];
    const { clipped, globalNorm: norm } = clipByGlobalNorm(
      [
        [g0, v],
        [null, u],
        [g1, w],
      ],
      4,
    );
    assertAllClose(norm, 5);
    assert.deepEqual(
      clipped.map(([, variable]) => variable),
      [v, u, w],
    );
    assert.equal(clipped[1]![0], null);
    assertAllClose(clipped[2]![0]!, [0.8, -1.6]);
    clipped[0]![0]!.dispose();
    tf.dispose([g0, g1, v, w, u]);
  });

  it('fits between computeGradients and applyGradients', () => {
    const a = tf.variable(tf.tensor([1, 2]), true, 'clipByGlobalNorm/test/a');
    const unused = tf.variable(tf.zeros([1]), true, 'clipByGlobalNorm/test/unused');
    const weights = tf.tensor([3, 4]); // the gradient of sum(a * weights), norm 5
    const optimizer = new GradientDescentOptimizer({ learningRate: 1 });
    const { loss, gradsAndVars } = optimizer.computeGradients(
      () => tf.sum(tf.mul(a, weights)),
      [a, unused],
    );
    const { clipped, globalNorm: norm } = clipByGlobalNorm(gradsAndVars, 1);
    optimizer.applyGradients(clipped);
    assertAllClose(a.clone(), [1 - 0.6, 2 - 0.8]);
    tf.dispose([loss, norm, weights, a, unused]);
    tf.dispose(gradsAndVars.concat(clipped).flatMap(([g]) => (g === null ? [] : [g])));
    optimizer.dispose();
  });

  it('leaks no tensors over many clipping steps', () => {
    const grads = [tf.randomNormal([8, 8]), null, tf.randomNormal([8])];
    const step = () => {
      const { clipped, globalNorm: norm } = clipByGlobalNorm(grads, 0.5);
      tf.dispose([norm, ...clipped.flatMap((t) => (t === null ? [] : [t]))]);
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i += 1) step();
    assert.equal(tf.memory().numTensors, before);
    tf.dispose(grads.flatMap((t) => (t === null ? [] : [t])));
  });

  it('requires a positive clipNorm', () => {
    assert.throws(
      () => clipByGlobalNorm([], 0),
      (error) =>
        error instanceof ClipError && /clipByGlobalNorm: clipNorm must be/.test(error.message),
    );
  });
});

describeOnBackends('globalNorm', () => {
  it('is the norm of all tensors together, skipping nulls', () => {
    const [x0, x1] = [tf.tensor(x0Values), tf.tensor(x1Values)];
    assertAllClose(globalNorm([x0, null, x1]), 5);
    tf.dispose([x0, x1]);
  });

  it('is 0 for a list without tensors', () => {
    assertAllClose(globalNorm([null]), 0);
    assertAllClose(globalNorm([]), 0);
  });
});
