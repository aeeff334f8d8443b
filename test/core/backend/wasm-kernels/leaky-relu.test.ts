import { describe, it } from 'node:test';
import * as tf from '../../../../src/core/backend/tf.js';
import { assertMatchesCpu, pick, randomValues, seededRandom } from './cpu-reference.js';

describe('LeakyRelu on wasm', () => {
  it('matches the cpu backend on random shapes and slopes', async () => {
    const random = seededRandom(41);
    for (let i = 0; i < 16; i++) {
      const rank = pick(random, 0, 4);
      const shape = Array.from({ length: rank }, () => pick(random, 1, 12));
      const alpha = random() * 2 - 0.5;
      const values = randomValues(random, shape);
      await assertMatchesCpu(`shape [${shape}] alpha ${alpha}`, () =>
        tf.leakyRelu(tf.tensor(values, shape), alpha),
      );
    }
  });

  it('keeps zeros at zero and scales negative values by alpha', async () => {
    const values = new Float32Array([-3, -0.5, 0, 0.5, 3, -1e-20, 1e20, -1e20]);
    await assertMatchesCpu('edge values', () => tf.leakyRelu(tf.tensor2d(values, [2, 4]), 0.2));
  });
});
