import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AdagradOptimizer } from '../../../../src/index.js';
import {
  applyConstantGradients,
  assertClose,
  describePerBackend,
  withFixture,
} from '../helpers.js';

describePerBackend('AdagradOptimizer', () => {
  it(
    'matches adagrad_test.py testBasic after three steps',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const var1 = fx.variable([3, 4], 'var1');
      const opt = fx.optimizer(
        new AdagradOptimizer({ learningRate: 3, initialAccumulatorValue: 0.1 }),
      );
      applyConstantGradients(
        opt,
        [
          [[0.1, 0.1], var0],
          [[0.01, 0.01], var1],
        ],
        3,
      );
      assertClose(var0, [-1.6026098728179932, -0.6026098728179932], 'var0');
      assertClose(var1, [2.715679168701172, 3.715679168701172], 'var1');
      assertClose(
        opt.getSlot(var0, 'accumulator')!,
        [0.1 + 3 * 0.01, 0.1 + 3 * 0.01],
        'accumulator0',
      );
    }),
  );

  it(
    'starts the accumulator at initialAccumulatorValue, default 0.1',
    withFixture((fx) => {
      const var0 = fx.variable([1, 2], 'var0');
      const opt = fx.optimizer(new AdagradOptimizer({ learningRate: 1 }));
      opt.createSlots([var0]);
      assert.deepEqual(opt.getSlotNames(), ['accumulator']);
      assertClose(opt.getSlot(var0, 'accumulator')!, [0.1, 0.1], 'accumulator');
      assert.equal(opt.getSlot(var0, 'accumulator')!.name, 'var0/Adagrad/accumulator');
    }),
  );

  it('rejects a non-positive initialAccumulatorValue by name', () => {
    assert.throws(
      () => new AdagradOptimizer({ learningRate: 1, initialAccumulatorValue: 0 }),
      /AdagradOptimizer: initialAccumulatorValue must be a finite number > 0/,
    );
  });
});
