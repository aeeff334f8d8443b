import { describe, it } from 'node:test';
import { schedules } from '../../../../src/index.js';
import { assertClose } from './close.js';

// Expected values: tensorflow/python/training/learning_rate_decay_v2_test.py,
// ExponentialDecayTestV2 (natural_exp_decay) and InverseDecayTestV2 (inverse_time_decay);
// each checks steps 0..k, so step 0 and the boundary step k are both covered.
const initialLr = 0.1;
const k = 10;
const decayRate = 0.96;
const steps = Array.from({ length: k + 1 }, (_, i) => i);

describe('schedules.naturalExpDecay', () => {
  it('decays as exp(-decayRate * step / decaySteps) (testDecay)', () => {
    const lr = schedules.naturalExpDecay({ learningRate: initialLr, decaySteps: k, decayRate });
    for (const i of steps) assertClose(lr(i), initialLr * Math.exp((-i / k) * decayRate));
  });

  it('floors step / decaySteps with staircase (testStaircase)', () => {
    const lr = schedules.naturalExpDecay({
      learningRate: initialLr,
      decaySteps: k,
      decayRate,
      staircase: true,
    });
    for (const i of steps) assertClose(lr(i), initialLr * Math.exp(-decayRate * Math.floor(i / k)));
  });
});

describe('schedules.inverseTimeDecay', () => {
  it('decays as 1 / (1 + decayRate * step / decaySteps) (testDecay)', () => {
    const lr = schedules.inverseTimeDecay({ learningRate: initialLr, decaySteps: k, decayRate });
    for (const i of steps) assertClose(lr(i), initialLr / (1 + (i / k) * decayRate));
  });

  it('floors step / decaySteps with staircase (testStaircase)', () => {
    const lr = schedules.inverseTimeDecay({
      learningRate: initialLr,
      decaySteps: k,
      decayRate,
      staircase: true,
    });
    for (const i of steps) assertClose(lr(i), initialLr / (1 + decayRate * Math.floor(i / k)));
  });
});
