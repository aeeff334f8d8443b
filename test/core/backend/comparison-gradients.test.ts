import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';

describe('comparison gradients', () => {
  for (const backend of ['cpu', 'wasm'] as const) {
    it(`lets a gradient penalty pass through leaky ReLU on ${backend}`, async () => {
      await initBackend({ backend, logger: silentLogger });
      const x = tf.tensor2d([[0.5, -1.5, 2.0]]);
      const w = tf.variable(tf.tensor2d([[0.3], [-0.7], [0.2]]));
      // penalty(w) = Σ (∂/∂x Σ leakyRelu(x·w))² = Σ_i (w_i · slope(x·w))², slope 1 or 0.2.
      const penalty = () =>
        tf.tidy(() => {
          const inputGradient = tf.grad((input: tf.Tensor) =>
            tf.leakyRelu(input.matMul(w), 0.2).sum(),
          )(x);
          return inputGradient.square().sum() as tf.Scalar;
        });
      const { grads } = tf.variableGrads(penalty, [w]);
      const z = 0.5 * 0.3 + -1.5 * -0.7 + 2.0 * 0.2; // 1.6 > 0, so the slope is 1
      assert.ok(z > 0);
      const expected = [[2 * 0.3], [2 * -0.7], [2 * 0.2]];
      const actual = grads[w.name]!.arraySync() as number[][];
      actual.forEach((row, i) =>
        assert.ok(Math.abs(row[0]! - expected[i]![0]!) < 1e-6, `${row} vs ${expected[i]}`),
      );
      tf.dispose([x, w, grads[w.name]!]);
    });
  }

  it('gives comparisons a zero gradient', async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    const gradient = tf.grad((a: tf.Tensor) => tf.greater(a, 0).toFloat().sum())(
      tf.tensor1d([1, -1]),
    );
    assert.deepEqual(gradient.arraySync(), [0, 0]);
  });
});
