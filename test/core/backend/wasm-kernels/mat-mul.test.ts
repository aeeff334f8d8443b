import { describe, it } from 'node:test';
import * as tf from '../../../../src/core/backend/tf.js';
import { assertMatchesCpu, pick, randomValues, seededRandom } from './cpu-reference.js';

const ACTIVATIONS = ['linear', 'relu', 'leakyrelu', 'sigmoid', 'elu'] as const;

describe('BatchMatMul and _FusedMatMul on wasm', () => {
  it('match the cpu backend for every transpose combination on random shapes', async () => {
    const random = seededRandom(7);
    for (let i = 0; i < 24; i++) {
      const [m, k, n] = [pick(random, 1, 70), pick(random, 1, 70), pick(random, 1, 70)];
      const ta = random() < 0.5;
      const tb = random() < 0.5;
      const a = randomValues(random, [m, k]);
      const b = randomValues(random, [k, n]);
      const label = `m=${m} k=${k} n=${n} transposeA=${ta} transposeB=${tb}`;
      await assertMatchesCpu(label, () => {
        const at = ta ? tf.tensor2d(a, [m, k]).transpose() : tf.tensor2d(a, [m, k]);
        const bt = tb ? tf.tensor2d(b, [k, n]).transpose() : tf.tensor2d(b, [k, n]);
        return tf.matMul(at, bt, ta, tb);
      });
    }
  });

  it('match the cpu backend for batched products, broadcast and not', async () => {
    const random = seededRandom(8);
    const cases: [number[], number[], boolean, boolean][] = [
      [[3, 5, 7], [7, 4], false, false],
      [[2, 3, 5, 7], [1, 4, 7], false, true],
      [[3, 7, 5], [3, 7, 4], true, false],
      [[4, 5, 6], [4, 4, 6], false, true],
    ];
    for (const [aShape, bShape, ta, tb] of cases) {
      const a = randomValues(random, aShape);
      const b = randomValues(random, bShape);
      await assertMatchesCpu(`a ${aShape} b ${bShape} transposeA=${ta} transposeB=${tb}`, () =>
        tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), ta, tb),
      );
    }
  });

  it('match the cpu backend for fused products with bias and activation', async () => {
    const random = seededRandom(9);
    for (let i = 0; i < 12; i++) {
      const [m, k, n] = [pick(random, 1, 40), pick(random, 1, 40), pick(random, 1, 40)];
      const ta = random() < 0.5;
      const tb = random() < 0.5;
      const activation = ACTIVATIONS[pick(random, 0, ACTIVATIONS.length - 1)]!;
      const a = randomValues(random, ta ? [k, m] : [m, k]);
      const b = randomValues(random, tb ? [n, k] : [k, n]);
      const bias = randomValues(random, [n]);
      const label = `m=${m} k=${k} n=${n} transposeA=${ta} transposeB=${tb} ${activation}`;
      await assertMatchesCpu(label, () =>
        tf.fused.matMul({
          a: tf.tensor2d(a, ta ? [k, m] : [m, k]),
          b: tf.tensor2d(b, tb ? [n, k] : [k, n]),
          transposeA: ta,
          transposeB: tb,
          bias: tf.tensor1d(bias),
          activation,
          leakyreluAlpha: 0.2,
        }),
      );
    }
  });
});
