import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import * as tf from '../../../../src/core/backend/tf.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { assertMatchesCpu, randomValues, seededRandom } from './cpu-reference.js';

function wasmDataIds(): number {
  return (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
}

describe('cached transposes of matMul weights on wasm', () => {
  it('follow a variable through assignments (a·Wᵀ against the cpu backend)', async () => {
    const random = seededRandom(61);
    const x = randomValues(random, [9, 13]);
    const weights = [0, 1, 2].map(() => randomValues(random, [11, 13]));
    await assertMatchesCpu('a·Wᵀ after each of three assignments', () => {
      const v = tf.variable(tf.tensor2d(weights[0]!, [11, 13]));
      const products = weights.map((w) => {
        v.assign(tf.tensor2d(w, [11, 13]));
        // Twice per value: the second product reads the cached transpose.
        const a = tf.tensor2d(x, [9, 13]);
        return tf.add(tf.matMul(a, v, false, true), tf.matMul(a, v, false, true));
      });
      v.dispose();
      return tf.stack(products);
    });
  });

  it('serve a reshaped view of the same data under its own shape', async () => {
    const random = seededRandom(62);
    const w = randomValues(random, [12, 6]);
    await assertMatchesCpu('W as [12, 6] then as [8, 9]', () => {
      const b = tf.tensor2d(w, [12, 6]);
      const first = tf.matMul(tf.ones([2, 6]), b, false, true);
      const second = tf.matMul(tf.ones([2, 9]), b.reshape([8, 9]), false, true);
      return tf.concat([first.flatten(), second.flatten()]);
    });
  });

  it('are freed with the tensor they were made from', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const before = wasmDataIds();
    const w = tf.randomNormal([40, 30]);
    const x = tf.randomNormal([5, 30]);
    for (let i = 0; i < 3; i++) tf.matMul(x, w, false, true).dispose();
    for (let i = 0; i < 3; i++) tf.fused.matMul({ a: x, b: w, transposeB: true }).dispose();
    assert.equal(wasmDataIds(), before + 3, 'one cached transpose besides w and x');
    w.dispose();
    x.dispose();
    assert.equal(wasmDataIds(), before);
  });
});
