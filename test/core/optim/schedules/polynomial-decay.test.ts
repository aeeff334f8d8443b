import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schedules, ScheduleError } from '../../../../src/index.js';
import { assertClose } from './close.js';

// Expected values: tensorflow/python/training/learning_rate_decay_v2_test.py, LinearDecayTestV2,
// SqrtDecayTestV2 and PolynomialDecayTestV2 (same cases as keras learning_rate_schedule_test.py).
const lr = 0.05;
const endLr = 0.001;

describe('schedules.polynomialDecay', () => {
  it('is linear by default: half way (LinearDecayTestV2.testHalfWay)', () => {
    const decay = schedules.polynomialDecay({
      learningRate: lr,
      decaySteps: 10,
      endLearningRate: 0,
    });
    assertClose(decay(5), lr * 0.5);
  });

  it('reaches endLearningRate at decaySteps (testEnd)', () => {
    const decay = schedules.polynomialDecay({
      learningRate: lr,
      decaySteps: 10,
      endLearningRate: endLr,
    });
    assertClose(decay(10), endLr);
    assertClose(decay(5), (lr + endLr) * 0.5); // testHalfWayWithEnd
  });

  it('stays at endLearningRate past decaySteps (testBeyondEnd)', () => {
    const decay = schedules.polynomialDecay({
      learningRate: lr,
      decaySteps: 10,
      endLearningRate: endLr,
    });
    assertClose(decay(15), endLr);
  });

  it('restarts over the next multiple of decaySteps with cycle (testBeyondEndWithCycle)', () => {
    const decay = schedules.polynomialDecay({
      learningRate: lr,
      decaySteps: 10,
      endLearningRate: endLr,
      cycle: true,
    });
    assertClose(decay(15), (lr - endLr) * 0.25 + endLr);
  });

  it('applies power (SqrtDecayTestV2)', () => {
    const power = 0.5;
    const sqrt = schedules.polynomialDecay({
      learningRate: lr,
      decaySteps: 10,
      endLearningRate: 0,
      power,
    });
    assertClose(sqrt(5), lr * 0.5 ** power);
    const withEnd = schedules.polynomialDecay({
      learningRate: lr,
      decaySteps: 10,
      endLearningRate: endLr,
      power,
    });
    assertClose(withEnd(5), (lr - endLr) * 0.5 ** power + endLr);
    assertClose(withEnd(10), endLr);
    assertClose(withEnd(15), endLr);
    const cycling = schedules.polynomialDecay({
      learningRate: lr,
      decaySteps: 10,
      endLearningRate: endLr,
      power,
      cycle: true,
    });
    assertClose(cycling(15), (lr - endLr) * 0.25 ** power + endLr);
  });

  it('starts at learningRate at step 0 with cycle (PolynomialDecayTestV2.testBeginWithCycle)', () => {
    const decay = schedules.polynomialDecay({ learningRate: 0.001, decaySteps: 10, cycle: true });
    assertClose(decay(0), 0.001);
  });

  it('wraps around exactly after a multiple of decaySteps with cycle', () => {
    const decay = schedules.polynomialDecay({
      learningRate: 1,
      decaySteps: 10,
      endLearningRate: 0,
      cycle: true,
    });
    assert.equal(decay(10), 0); // ceil(10 / 10) = 1: the first period ends at its end rate
    assertClose(decay(11), 1 - 11 / 20); // the second period spans 20 steps
    assert.equal(decay(20), 0);
  });

  it('defaults endLearningRate to 0.0001 and power to 1 as TensorFlow does', () => {
    const decay = schedules.polynomialDecay({ learningRate: 0.1, decaySteps: 4 });
    assertClose(decay(4), 0.0001);
    assertClose(decay(2), (0.1 - 0.0001) / 2 + 0.0001);
  });

  it('rejects cycle that is not a boolean and a decaySteps of 0', () => {
    assert.throws(
      () => schedules.polynomialDecay({ learningRate: 0.1, decaySteps: 0 }),
      (error) =>
        error instanceof ScheduleError && /polynomialDecay: decaySteps/.test(error.message),
    );
    assert.throws(
      () =>
        schedules.polynomialDecay({
          learningRate: 0.1,
          decaySteps: 1,
          cycle: 'yes' as unknown as boolean,
        }),
      /cycle must be true or false/,
    );
  });
});
