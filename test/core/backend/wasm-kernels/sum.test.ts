import { describe, it } from 'node:test';
import * as tf from '../../../../src/core/backend/tf.js';
import { assertMatchesCpu, pick, randomValues, seededRandom } from './cpu-reference.js';

describe('Sum on wasm', () => {
  it('matches the cpu backend for sums over leading axes, with and without keepDims', async () => {
    const random = seededRandom(31);
    for (let i = 0; i < 20; i++) {
      const rank = pick(random, 2, 4);
      const shape = Array.from({ length: rank }, () => pick(random, 1, rank > 2 ? 13 : 300));
      const count = pick(random, 1, rank - 1);
      const axes = [...Array(count).keys()];
      const keepDims = random() < 0.5;
      const values = randomValues(random, shape);
      await assertMatchesCpu(`shape ${shape} axes ${axes} keepDims ${keepDims}`, () =>
        tf.sum(tf.tensor(values, shape), axes, keepDims),
      );
    }
  });

  it('matches the cpu backend for bias-gradient shapes given with negative or unsorted axes', async () => {
    const random = seededRandom(32);
    const cases: [number[], number[]][] = [
      [[256, 512], [-2]],
      [
        [64, 14, 14, 32],
        [2, 0, 1],
      ],
      [
        [9, 7, 7, 64],
        [0, -3, 2],
      ],
    ];
    for (const [shape, axes] of cases) {
      const values = randomValues(random, shape);
      await assertMatchesCpu(`shape ${shape} axes ${axes}`, () =>
        tf.sum(tf.tensor(values, shape), axes),
      );
    }
  });

  it('matches the cpu backend for the sums it leaves to the stock kernel', async () => {
    const random = seededRandom(33);
    const cases: [number[], number[] | null][] = [
      [[6, 5, 4], [1]],
      [[6, 5, 4], [2]],
      [
        [6, 5, 4],
        [0, 2],
      ],
      [[6, 5, 4], null],
      [
        [6, 5],
        [0, 1],
      ],
    ];
    for (const [shape, axes] of cases) {
      const values = randomValues(random, shape);
      await assertMatchesCpu(`shape ${shape} axes ${axes}`, () =>
        tf.sum(tf.tensor(values, shape), axes ?? undefined),
      );
    }
    const ints = Int32Array.from({ length: 20 }, (_, i) => i * 3 - 20);
    await assertMatchesCpu('int32 over a leading axis', () =>
      tf.cast(tf.sum(tf.tensor(ints, [4, 5], 'int32'), 0), 'float32'),
    );
  });
});
