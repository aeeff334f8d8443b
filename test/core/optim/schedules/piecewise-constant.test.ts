import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schedules, ScheduleError } from '../../../../src/index.js';

// Expected values: tensorflow/python/training/learning_rate_decay_v2_test.py,
// LRDecayTestV2.testPiecewiseConstant and testPiecewiseConstantEdgeCases.
describe('schedules.piecewiseConstant', () => {
  it('gives each boundary to the interval before it (testPiecewiseConstant)', () => {
    const lr = schedules.piecewiseConstant({
      boundaries: [100, 110, 120],
      values: [1.0, 0.1, 0.01, 0.001],
    });
    const expected: [number, number][] = [
      [-999, 1.0],
      [100, 1.0],
      [105, 0.1],
      [110, 0.1],
      [120, 0.01],
      [999, 0.001],
    ];
    for (const [step, value] of expected) assert.equal(lr(step), value, `step ${step}`);
  });

  it('switches one step after each boundary (testPiecewiseConstantEdgeCases)', () => {
    const lr = schedules.piecewiseConstant({ boundaries: [1, 2, 3], values: [0.4, 0.5, 0.6, 0.7] });
    assert.deepEqual([0, 1, 2, 3, 4].map(lr), [0.4, 0.4, 0.5, 0.6, 0.7]);
  });

  it('is a constant with no boundaries', () => {
    const lr = schedules.piecewiseConstant({ boundaries: [], values: [0.3] });
    assert.equal(lr(0), 0.3);
    assert.equal(lr(1e9), 0.3);
  });

  it('needs one more value than boundaries', () => {
    assert.throws(
      () => schedules.piecewiseConstant({ boundaries: [1, 2], values: [1, 2] }),
      (error) =>
        error instanceof ScheduleError &&
        /values must have one more entry than boundaries \(got 2 values for 2 boundaries\)/.test(
          error.message,
        ),
    );
  });

  it('needs strictly increasing boundaries', () => {
    assert.throws(
      () => schedules.piecewiseConstant({ boundaries: [10, 10], values: [1, 2, 3] }),
      /boundaries must be strictly increasing, but boundaries\[1\] = 10 follows boundaries\[0\] = 10/,
    );
  });

  it('names a value that is not a finite number', () => {
    assert.throws(
      () => schedules.piecewiseConstant({ boundaries: [1], values: [1, Number.NaN] }),
      /values\[1\] must be a finite number/,
    );
  });
});
