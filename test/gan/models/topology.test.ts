import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { fromFunction, fromLayersModel } from '../../../src/gan/gan-model.js';
import { dcgan, topologyOf } from '../../../src/gan/models/index.js';

describe('topologyOf', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('describes a LayersModel so that tfjs builds one with the same weights, names and shapes', async () => {
    const { generator, critic } = dcgan({ noiseSize: 8, baseFilters: 4, seed: 1 });
    const topology = topologyOf(fromLayersModel(generator));
    assert.ok(JSON.stringify(topology).length < 4000, 'a few KB in the checkpoint');
    const rebuilt = await tf.models.modelFromJSON(topology as tf.serialization.ConfigDict);
    const shapes = (model: tf.LayersModel) => model.weights.map((w) => [w.originalName, w.shape]);
    assert.deepEqual(shapes(rebuilt), shapes(generator));
    assert.deepEqual(rebuilt.outputs[0]?.shape, [null, 28, 28, 1]);
    for (const model of [generator, critic, rebuilt]) model.dispose();
  });

  it('is null for a network made with fromFunction, whose architecture is code', () => {
    const w = tf.variable(tf.zeros([2, 2]), true, 'topology_test/w');
    assert.equal(topologyOf(fromFunction('generator', (z) => tf.matMul(z, w), [w])), null);
    w.dispose();
  });
});
