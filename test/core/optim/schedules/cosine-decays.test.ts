import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schedules, ScheduleError } from '../../../../src/index.js';
import { assertClose } from './close.js';

// Expected values: tensorflow/python/training/learning_rate_decay_v2_test.py, CosineDecayTestV2,
// CosineDecayRestartsTestV2 and LinearCosineDecayTestV2. The reference functions below are
// TensorFlow's own test oracles (np_cosine_decay, np_cosine_decay_restarts,
// np_linear_cosine_decay), which walk the periods one by one instead of using a closed form.
function npCosineDecay(step: number, decaySteps: number, alpha = 0): number {
  const completed = Math.min(step, decaySteps) / decaySteps;
  return (1 - alpha) * 0.5 * (1 + Math.cos(Math.PI * completed)) + alpha;
}

function npCosineDecayRestarts(
  step: number,
  decaySteps: number,
  tMul = 2,
  mMul = 1,
  alpha = 0,
): number {
  let fac = 1;
  while (step >= decaySteps) {
    step -= decaySteps;
    decaySteps *= tMul;
    fac *= mMul;
  }
  return (1 - alpha) * fac * 0.5 * (1 + Math.cos((Math.PI * step) / decaySteps)) + alpha;
}

function npLinearCosineDecay(
  step: number,
  decaySteps: number,
  alpha = 0,
  beta = 0.001,
  numPeriods = 0.5,
): number {
  const s = Math.min(step, decaySteps);
  const linear = (decaySteps - s) / decaySteps;
  const cosine = 0.5 * (1 + Math.cos((Math.PI * 2 * numPeriods * s) / decaySteps));
  return (alpha + linear) * cosine + beta;
}

const trainingSteps = 1000;
const testSteps = [0, 250, 500, 750, 1000, 1250]; // range(0, 1500, 250), past decaySteps too

describe('schedules.cosineDecay', () => {
  it('follows half a cosine to 0 and stays there (testDecay)', () => {
    const lr = schedules.cosineDecay({ learningRate: 1, decaySteps: trainingSteps });
    for (const step of testSteps) assertClose(lr(step), npCosineDecay(step, trainingSteps));
    assert.equal(lr(0), 1);
    assertClose(lr(500), 0.5);
  });

  it('floors at alpha (testAlpha)', () => {
    const lr = schedules.cosineDecay({ learningRate: 1, decaySteps: trainingSteps, alpha: 0.1 });
    for (const step of testSteps) assertClose(lr(step), npCosineDecay(step, trainingSteps, 0.1));
  });
});

describe('schedules.cosineDecayRestarts', () => {
  const cases: [string, { tMul?: number; mMul?: number; alpha?: number }][] = [
    ['testDecay', {}],
    ['testAlpha', { alpha: 0.1 }],
    ['testMMul', { mMul: 0.9 }],
    ['testTMul', { tMul: 1 }],
  ];
  for (const [tfTest, options] of cases) {
    it(`restarts as TensorFlow's oracle says with ${JSON.stringify(options)} (${tfTest})`, () => {
      const lr = schedules.cosineDecayRestarts({
        learningRate: 1,
        firstDecaySteps: trainingSteps,
        ...options,
      });
      const { tMul = 2, mMul = 1, alpha = 0 } = options;
      for (const step of testSteps) {
        assertClose(lr(step), npCosineDecayRestarts(step, trainingSteps, tMul, mMul, alpha));
      }
    });
  }

  it('restarts at full rate exactly at each period boundary, where the closed form rounds', () => {
    // Periods of 1000, 2000, 4000, 8000 steps start at 0, 1000, 3000, 7000, 15000; with
    // tMul = 10, periods of 1, 10, 100, 1000 start at 0, 1, 11, 111, 1111, where
    // TensorFlow's closed form, floor(log(1 + 9 * 111) / log(10)), gives 2 instead of 3.
    const doubling = schedules.cosineDecayRestarts({
      learningRate: 1,
      firstDecaySteps: 1000,
      mMul: 0.5,
    });
    for (const [step, start] of [
      [1000, 0.5],
      [3000, 0.25],
      [7000, 0.125],
      [15000, 0.0625],
    ]) {
      assertClose(doubling(step!), start!);
      assertClose(doubling(step! - 1), npCosineDecayRestarts(step! - 1, 1000, 2, 0.5));
    }
    const tenfold = schedules.cosineDecayRestarts({
      learningRate: 1,
      firstDecaySteps: 1,
      tMul: 10,
    });
    for (const step of [1, 10, 11, 110, 111, 112, 1110, 1111]) {
      assertClose(tenfold(step), npCosineDecayRestarts(step, 1, 10));
    }
    assert.equal(tenfold(111), 1);
  });

  it('rejects a tMul that is not positive', () => {
    assert.throws(
      () => schedules.cosineDecayRestarts({ learningRate: 1, firstDecaySteps: 10, tMul: 0 }),
      (error) =>
        error instanceof ScheduleError && /tMul must be greater than 0/.test(error.message),
    );
  });
});

describe('schedules.linearCosineDecay', () => {
  it('matches TensorFlow with its defaults (testDefaultDecay)', () => {
    const lr = schedules.linearCosineDecay({ learningRate: 1, decaySteps: trainingSteps });
    for (const step of testSteps) assertClose(lr(step), npLinearCosineDecay(step, trainingSteps));
    assertClose(lr(0), 1.001);
  });

  it('matches TensorFlow with alpha, beta and numPeriods (testNonDefaultDecay)', () => {
    const lr = schedules.linearCosineDecay({
      learningRate: 1,
      decaySteps: trainingSteps,
      alpha: 0.1,
      beta: 1e-4,
      numPeriods: 5,
    });
    for (const step of testSteps) {
      assertClose(lr(step), npLinearCosineDecay(step, trainingSteps, 0.1, 1e-4, 5));
    }
  });
});
