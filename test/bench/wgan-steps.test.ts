import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createWganSession, disposeWganSession } from '../../bench/steps/wgan-session.js';
import {
  GP_WEIGHT,
  WGAN_CLIP,
  wganCriticStep,
  wganGeneratorStep,
  wganGpCriticStep,
} from '../../bench/steps/wgan-steps.js';
import { initBackend } from '../../src/core/backend/index.js';
import * as tf from '../../src/core/backend/tf.js';
import { silentLogger } from '../../src/core/logger.js';
import { mlpGan } from '../../src/gan/models/index.js';

function snapshot(variables: tf.Variable[]): Float32Array[] {
  return variables.map((v) => v.dataSync().slice() as Float32Array);
}

function changed(variables: tf.Variable[], before: Float32Array[]): boolean {
  return variables.some((v, i) => v.dataSync().some((x, j) => x !== before[i]![j]));
}

describe('hand-written WGAN steps', () => {
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
  });

  it('critic steps update and clip only the critic, generator steps only the generator', () => {
    const session = createWganSession(mlpGan({ width: 8, depth: 2 }), 16);
    try {
      const g0 = snapshot(session.generatorVars);
      const d0 = snapshot(session.criticVars);
      assert.ok(Number.isFinite(wganCriticStep(session)));
      assert.ok(changed(session.criticVars, d0));
      assert.ok(!changed(session.generatorVars, g0));
      for (const v of session.criticVars) {
        assert.ok(v.dataSync().every((x) => Math.abs(x) <= WGAN_CLIP));
      }
      const d1 = snapshot(session.criticVars);
      assert.ok(Number.isFinite(wganGeneratorStep(session)));
      assert.ok(changed(session.generatorVars, g0));
      assert.ok(!changed(session.criticVars, d1));
      assert.equal(session.steps.critic.value, 1);
      assert.equal(session.steps.generator.value, 1);
    } finally {
      disposeWganSession(session);
    }
  });

  it('penalises a flat critic by λ·(0 − 1)², its gradient norm being zero', () => {
    const session = createWganSession(mlpGan({ width: 8, depth: 2 }), 16);
    try {
      for (const v of session.criticVars) v.assign(tf.zerosLike(v));
      assert.ok(Math.abs(wganGpCriticStep(session) - GP_WEIGHT) < 1e-6);
    } finally {
      disposeWganSession(session);
    }
  });

  it('leaks no tensors over repeated WGAN-GP iterations', () => {
    const session = createWganSession(mlpGan({ width: 8, depth: 2 }), 16);
    try {
      // The first steps create the optimizers' slots, which live on.
      wganGpCriticStep(session);
      wganGeneratorStep(session);
      const tensors = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) {
        wganGpCriticStep(session);
        wganGeneratorStep(session);
      }
      assert.equal(tf.memory().numTensors, tensors);
    } finally {
      disposeWganSession(session);
    }
  });
});
