import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AdadeltaOptimizer } from '../../../../src/index.js';
import {
  applyConstantGradients,
  assertClose,
  describePerBackend,
  withFixture,
} from '../helpers.js';

describePerBackend('AdadeltaOptimizer', () => {
  // adadelta_test.py doTestBasic: every (grad, lr) pair, rho 0.95, epsilon 1e-8, four steps,
  // checked against the test's scalar recurrence.
  for (const grad of [0.2, 0.1, 0.01]) {
    for (const lr of [1.0, 0.5, 0.1]) {
      it(
        `matches adadelta_test.py testBasic for grad ${grad}, lr ${lr}`,
        withFixture((fx) => {
          const var0 = fx.variable([1, 2], 'var0');
          const var1 = fx.variable([3, 4], 'var1');
          const rho = 0.95;
          const epsilon = 1e-8;
          const opt = fx.optimizer(new AdadeltaOptimizer({ learningRate: lr, rho, epsilon }));
          let accum = 0;
          let accumUpdate = 0;
          let totUpdate = 0;
          applyConstantGradients(
            opt,
            [
              [[grad, grad], var0],
              [[grad, grad], var1],
            ],
            4,
            (t) => {
              accum = accum * rho + grad ** 2 * (1 - rho);
              const update =
                Math.sqrt(accumUpdate + epsilon) * (1 / Math.sqrt(accum + epsilon)) * grad;
              accumUpdate = accumUpdate * rho + update ** 2 * (1 - rho);
              totUpdate += update * lr;
              for (const v of [var0, var1]) {
                assertClose(opt.getSlot(v, 'accum')!, [accum, accum], `accum after step ${t}`);
                assertClose(
                  opt.getSlot(v, 'accum_update')!,
                  [accumUpdate, accumUpdate],
                  `accum_update after step ${t}`,
                );
              }
              assertClose(var0, [1 - totUpdate, 2 - totUpdate], `var0 after step ${t}`);
              assertClose(var1, [3 - totUpdate, 4 - totUpdate], `var1 after step ${t}`);
            },
          );
          assert.deepEqual(opt.getSlotNames(), ['accum', 'accum_update']);
          assert.deepEqual(
            opt.variables().map((v) => v.name),
            [
              'var0/Adadelta/accum',
              'var0/Adadelta/accum_update',
              'var1/Adadelta/accum',
              'var1/Adadelta/accum_update',
            ],
          );
        }),
      );
    }
  }

  it('uses TensorFlow 1 defaults: learningRate 0.001, rho 0.95, epsilon 1e-8', () => {
    const opt = new AdadeltaOptimizer();
    assert.deepEqual(
      [opt.currentLearningRate(), opt.rho, opt.epsilon, opt.name],
      [0.001, 0.95, 1e-8, 'Adadelta'],
    );
    assert.throws(
      () => new AdadeltaOptimizer({ rho: 1.5 }),
      /AdadeltaOptimizer: rho must be in \[0, 1\]/,
    );
  });
});
