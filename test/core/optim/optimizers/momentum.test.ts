import assert from 'node:assert/strict';
import { it } from 'node:test';
import { GlobalStep, MomentumOptimizer, tf } from '../../../../src/index.js';
import {
  applyConstantGradients,
  assertClose,
  describePerBackend,
  withFixture,
} from '../helpers.js';

/** `_update_nesterov_momentum_numpy` of tensorflow/python/training/momentum_test.py, ported. */
function nesterovNumpy(
  v: number[],
  accum: number[],
  g: number[],
  lr: number,
  momentum: number,
): [number[], number[]] {
  const newAccum = accum.map((a, i) => a * momentum + (g[i] as number));
  const newV = v.map(
    (x, i) =>
      x +
      (accum[i] as number) * lr * momentum -
      lr * (newAccum[i] as number) -
      (newAccum[i] as number) * lr * momentum,
  );
  return [newV, newAccum];
}

describePerBackend('MomentumOptimizer', () => {
  it(
    'accumulates velocity over two steps (momentum_test.py testBasic)',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const var1 = fx.variable([3, 4], 'var1');
      const opt = fx.optimizer(new MomentumOptimizer({ learningRate: 2, momentum: 0.9 }));
      const pairs: [number[], tf.Variable][] = [
        [[0.1, 0.1], var0],
        [[0.01, 0.01], var1],
      ];
      applyConstantGradients(opt, pairs, 1);
      assert.deepEqual(opt.getSlotNames(), ['momentum']);
      assert.equal(opt.getSlot(var0, 'momentum')!.trainable, false);
      assertClose(opt.getSlot(var0, 'momentum')!, [0.1, 0.1], 'slot0 after step 1');
      assertClose(opt.getSlot(var1, 'momentum')!, [0.01, 0.01], 'slot1 after step 1');
      assertClose(var0, [1 - 0.1 * 2, 2 - 0.1 * 2], 'var0 after step 1');
      assertClose(var1, [3 - 0.01 * 2, 4 - 0.01 * 2], 'var1 after step 1');
      applyConstantGradients(opt, pairs, 1);
      assertClose(
        opt.getSlot(var0, 'momentum')!,
        [0.9 * 0.1 + 0.1, 0.9 * 0.1 + 0.1],
        'slot0 after step 2',
      );
      const d0 = 0.1 * 2 + (0.9 * 0.1 + 0.1) * 2;
      assertClose(var0, [1 - d0, 2 - d0], 'var0 after step 2');
      const d1 = (0.9 * 0.01 + 0.01) * 2;
      assertClose(var1, [2.98 - d1, 3.98 - d1], 'var1 after step 2');
    }),
  );

  it(
    'takes Nesterov steps on 5·var0² + 3·var1 with a global step (momentum_test.py testNesterovMomentum)',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const var1 = fx.variable([3, 4], 'var1');
      const globalStep = new GlobalStep();
      const opt = fx.optimizer(
        new MomentumOptimizer({ learningRate: 2, momentum: 0.9, useNesterov: true }),
      );
      let [np0, accum0] = [
        [1, 2],
        [0, 0],
      ];
      let [np1, accum1] = [
        [3, 4],
        [0, 0],
      ];
      for (let t = 1; t <= 4; t++) {
        const cost = opt.minimize(() => tf.add(tf.mul(tf.mul(5, var0), var0), tf.mul(3, var1)), {
          globalStep,
          varList: [var0, var1],
        });
        cost.dispose();
        [np0, accum0] = nesterovNumpy(
          np0,
          accum0,
          np0.map((x) => x * 10),
          2,
          0.9,
        );
        [np1, accum1] = nesterovNumpy(np1, accum1, [3, 3], 2, 0.9);
        assertClose(var0, np0, `var0 after step ${t}`);
        assertClose(var1, np1, `var1 after step ${t}`);
        assert.equal(globalStep.value, t);
      }
    }),
  );

  it('rejects a momentum outside [0, 1] by name', () => {
    assert.throws(
      () => new MomentumOptimizer({ learningRate: 0.1, momentum: 1.5 }),
      /MomentumOptimizer: momentum must be in \[0, 1\]/,
    );
  });
});
