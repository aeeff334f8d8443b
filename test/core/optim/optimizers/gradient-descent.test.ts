import assert from 'node:assert/strict';
import { it } from 'node:test';
import { GradientDescentOptimizer, tf } from '../../../../src/index.js';
import {
  applyConstantGradients,
  assertClose,
  describePerBackend,
  withFixture,
} from '../helpers.js';

describePerBackend('GradientDescentOptimizer', () => {
  it(
    'subtracts learningRate·grad (gradient_descent_test.py testBasic)',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const var1 = fx.variable([3, 4], 'var1');
      const sgd = fx.optimizer(new GradientDescentOptimizer({ learningRate: 3 }));
      applyConstantGradients(
        sgd,
        [
          [[0.1, 0.1], var0],
          [[0.01, 0.01], var1],
        ],
        1,
      );
      assertClose(var0, [1 - 3 * 0.1, 2 - 3 * 0.1], 'var0');
      assertClose(var1, [3 - 3 * 0.01, 4 - 3 * 0.01], 'var1');
      assert.deepEqual(sgd.getSlotNames(), []);
      assert.deepEqual(sgd.variables(), []);
    }),
  );

  it(
    'minimizes a loss through a matmul (gradient_descent_test.py testMinimizeResourceVariable)',
    withFixture((fx) => {
      const var0 = fx.variable([[1, 2]], 'var0');
      const var1 = fx.variable([3], 'var1');
      const sgd = fx.optimizer(new GradientDescentOptimizer({ learningRate: 1 }));
      const x = tf.tensor2d([[4], [5]]);
      const loss = sgd.minimize(() => {
        const pred = tf.add(tf.matMul(var0, x), var1);
        return tf.mul(pred, pred);
      });
      x.dispose();
      const npPred = 1 * 4 + 2 * 5 + 3;
      const npGrad = 2 * npPred;
      assertClose(loss, [npPred * npPred], 'loss before the step');
      loss.dispose();
      assertClose(var0, [1 - npGrad * 4, 2 - npGrad * 5], 'var0');
      assertClose(var1, [3 - npGrad], 'var1');
    }),
  );
});
