import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { schedules } from '../../../../src/index.js';
import { assertClose } from './close.js';

// TensorFlow's NoisyLinearCosineDecayTestV2 (learning_rate_decay_v2_test.py) only evaluates the
// schedule ("cannot be deterministically tested"); with a seed it can be, and these tests check
// the noise's law and that without noise it is linear cosine decay.
describe('schedules.noisyLinearCosineDecay', () => {
  it('is linear cosine decay when the noise variance is 0', () => {
    const options = { learningRate: 1, decaySteps: 1000, alpha: 0.1, beta: 1e-4, numPeriods: 5 };
    const noisy = schedules.noisyLinearCosineDecay({ ...options, initialVariance: 0, seed: 1 });
    const plain = schedules.linearCosineDecay(options);
    for (const step of [0, 250, 500, 750, 1000, 1250]) assertClose(noisy(step), plain(step));
  });

  it('returns the same rate for the same seed and step, another for another seed', () => {
    const a = schedules.noisyLinearCosineDecay({ learningRate: 1, decaySteps: 1000, seed: 42 });
    const b = schedules.noisyLinearCosineDecay({ learningRate: 1, decaySteps: 1000, seed: 42 });
    const c = schedules.noisyLinearCosineDecay({ learningRate: 1, decaySteps: 1000, seed: 43 });
    for (const step of [0, 1, 17, 999]) {
      assert.equal(a(step), a(step));
      assert.equal(a(step), b(step));
      assert.notEqual(a(step), c(step));
    }
  });

  it('adds zero-mean noise of variance initialVariance / (1 + step) ^ varianceDecay', () => {
    const decaySteps = 4000;
    const options = { learningRate: 2, decaySteps, initialVariance: 0.5, varianceDecay: 0.1 };
    const noisy = schedules.noisyLinearCosineDecay({ ...options, seed: 7 });
    const plain = schedules.linearCosineDecay(options);
    // Where the cosine factor is away from 0, (noisy - plain) / (lr * cosine * std) is N(0, 1).
    const samples: number[] = [];
    for (let step = 0; step < decaySteps / 2; step += 1) {
      const cosine = 0.5 * (1 + Math.cos((Math.PI * step) / decaySteps));
      const std = Math.sqrt(0.5 / (1 + step) ** 0.1);
      samples.push((noisy(step) - plain(step)) / (2 * cosine * std));
    }
    const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
    const variance = samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / samples.length;
    // 2000 samples: the mean's standard error is 0.022, the variance's about 0.032.
    assert.ok(Math.abs(mean) < 0.1, `mean ${mean}`);
    assert.ok(Math.abs(variance - 1) < 0.15, `variance ${variance}`);
  });

  it('rejects a seed that is not a 32-bit unsigned integer', () => {
    assert.throws(
      () => schedules.noisyLinearCosineDecay({ learningRate: 1, decaySteps: 10, seed: -1 }),
      /noisyLinearCosineDecay: seed must be an integer in \[0, 2\^32\)/,
    );
  });
});
