import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { fromFunction, fromLayersModel } from '../../../src/gan/gan-model.js';
import { dcgan, initialisationOf, mlpGan, type GanModels } from '../../../src/gan/models/index.js';

function weightsOf(models: GanModels): Map<string, Float32Array> {
  const all = [...models.generator.weights, ...models.critic.weights];
  return new Map(all.map((w) => [w.originalName, w.read().dataSync() as Float32Array]));
}

function dispose(...models: GanModels[]): void {
  for (const { generator, critic } of models) {
    generator.dispose();
    critic.dispose();
  }
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`seeded models on ${backend}`, () => {
    before(() => initBackend({ backend, logger: silentLogger }));

    it('start from bitwise-equal weights for equal seeds', () => {
      for (const build of [
        (seed: number) => mlpGan({ width: 8, depth: 2, seed }),
        (seed: number) => dcgan({ baseFilters: 4, noiseSize: 8, seed }),
      ]) {
        const [a, b] = [build(11), build(11)];
        const [weightsA, weightsB] = [weightsOf(a), weightsOf(b)];
        assert.deepEqual([...weightsA.keys()], [...weightsB.keys()]);
        for (const [name, values] of weightsA) assert.deepEqual(values, weightsB.get(name), name);
        dispose(a, b);
      }
    });

    it('start from different kernels for different seeds, layer by layer', () => {
      const [a, b] = [
        mlpGan({ width: 8, depth: 2, seed: 1 }),
        mlpGan({ width: 8, depth: 2, seed: 2 }),
      ];
      const [weightsA, weightsB] = [weightsOf(a), weightsOf(b)];
      for (const [name, values] of weightsA) {
        if (name.endsWith('/kernel')) assert.notDeepEqual(values, weightsB.get(name), name);
      }
      dispose(a, b);
    });
  });
}

describe('initialisationOf', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('calls a model seeded when every random initialiser has a seed', () => {
    const models = dcgan({ baseFilters: 4, noiseSize: 8, seed: 3 });
    assert.equal(initialisationOf(fromLayersModel(models.generator)), 'seeded');
    assert.equal(initialisationOf(fromLayersModel(models.critic)), 'seeded');
    dispose(models);
  });

  it('calls a model unseeded when one layer draws without a seed', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({
          units: 4,
          inputShape: [2],
          kernelInitializer: tf.initializers.heNormal({ seed: 1 }),
        }),
        tf.layers.dense({ units: 1 }),
      ],
    });
    assert.equal(initialisationOf(fromLayersModel(model, 'critic')), 'unseeded');
    model.dispose();
  });

  it('takes the word of a function model, and says unknown without it', () => {
    const w = tf.variable(tf.zeros([2, 1]));
    const apply = (x: tf.Tensor) => tf.matMul(x, w);
    assert.equal(initialisationOf(fromFunction('critic', apply, [w], { seeded: true })), 'seeded');
    assert.equal(initialisationOf(fromFunction('critic', apply, [w])), 'unknown');
    w.dispose();
  });
});
