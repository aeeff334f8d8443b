import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schedules, ScheduleError } from '../../../../src/index.js';
import { assertClose } from './close.js';

// Expected values: tensorflow/python/training/learning_rate_decay_v2_test.py, LRDecayTestV2.
describe('schedules.exponentialDecay', () => {
  it('decays continuously between multiples of decaySteps (testContinuous)', () => {
    const lr = schedules.exponentialDecay({ learningRate: 0.05, decaySteps: 10, decayRate: 0.96 });
    assertClose(lr(5), 0.05 * 0.96 ** (5 / 10));
  });

  it('holds the rate until a whole decaySteps has passed with staircase (testStaircase)', () => {
    const lr = schedules.exponentialDecay({
      learningRate: 0.1,
      decaySteps: 3,
      decayRate: 0.96,
      staircase: true,
    });
    assertClose(lr(1), 0.1);
    assertClose(lr(2), 0.1);
    assertClose(lr(100), 0.1 * 0.96 ** Math.floor(100 / 3));
  });

  it('starts at learningRate and steps exactly at a multiple of decaySteps', () => {
    const lr = schedules.exponentialDecay({
      learningRate: 0.1,
      decaySteps: 3,
      decayRate: 0.5,
      staircase: true,
    });
    assert.equal(lr(0), 0.1);
    assert.equal(lr(2), 0.1);
    assert.equal(lr(3), 0.05);
  });

  it('rejects a decaySteps that is not positive, naming it', () => {
    for (const decaySteps of [0, -1, Number.NaN]) {
      assert.throws(
        () => schedules.exponentialDecay({ learningRate: 0.1, decaySteps, decayRate: 0.9 }),
        (error) => error instanceof ScheduleError && /decaySteps/.test(error.message),
      );
    }
  });

  it('rejects a learningRate that is not a finite number, naming it', () => {
    assert.throws(
      () => schedules.exponentialDecay({ learningRate: Infinity, decaySteps: 1, decayRate: 0.9 }),
      /exponentialDecay: learningRate must be a finite number/,
    );
  });
});
