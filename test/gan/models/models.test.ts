import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { dcgan, mlpGan, type GanModels } from '../../../src/gan/models/index.js';

function shapes(models: GanModels, batch: number) {
  return tf.tidy(() => {
    const fake = models.generator.predict(tf.randomNormal([batch, models.noiseSize])) as tf.Tensor;
    const score = models.critic.predict(fake) as tf.Tensor;
    return { fake: fake.shape, score: score.shape, max: fake.abs().max().dataSync()[0]! };
  });
}

describe('models', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it("builds the issue's 28×28 DCGAN: dense→7×7×64→deconv 32→deconv 1, conv 32→conv 64→dense 1", () => {
    const models = dcgan({ imageSize: 28, channels: 1 });
    const generatorShapes = models.generator.layers.map((layer) => layer.outputShape);
    assert.deepEqual(generatorShapes[1], [null, 7, 7, 64]);
    assert.ok(generatorShapes.some((shape) => String(shape) === String([null, 14, 14, 32])));
    const criticShapes = models.critic.layers.map((layer) => layer.outputShape);
    assert.deepEqual(criticShapes[0], [null, 14, 14, 32]);
    assert.deepEqual(criticShapes[2], [null, 7, 7, 64]);
    const result = shapes(models, 3);
    assert.deepEqual(result.fake, [3, 28, 28, 1]);
    assert.deepEqual(result.score, [3, 1]);
    assert.ok(result.max <= 1, 'tanh output');
    models.generator.dispose();
    models.critic.dispose();
  });

  it('builds a 64×64 RGB DCGAN without generator batch norm on request', () => {
    const models = dcgan({ imageSize: 64, channels: 3, baseFilters: 8, generatorBatchNorm: false });
    assert.ok(!models.generator.layers.some((layer) => layer.name.includes('batch_normalization')));
    assert.deepEqual(shapes(models, 2).fake, [2, 64, 64, 3]);
    models.generator.dispose();
    models.critic.dispose();
  });

  it('names every weight TensorFlow-style under generator/ and critic/', () => {
    const models = mlpGan({ width: 8, depth: 3 });
    const names = [...models.generator.weights, ...models.critic.weights].map(
      (w) => w.originalName,
    );
    assert.deepEqual(names.slice(0, 2), ['generator/dense/kernel', 'generator/dense/bias']);
    assert.ok(names.includes('critic/dense_3/kernel'));
    assert.ok(names.every((name) => /^(generator|critic)\/[a-z_0-9]+\/(kernel|bias)$/.test(name)));
    const result = shapes(models, 5);
    assert.deepEqual(
      [result.fake, result.score],
      [
        [5, 2],
        [5, 1],
      ],
    );
    models.generator.dispose();
    models.critic.dispose();
  });

  it('the critic has no batch normalisation (the gradient penalty is per sample)', () => {
    const models = dcgan({ imageSize: 64, baseFilters: 4 });
    assert.ok(!models.critic.layers.some((layer) => layer.getClassName() === 'BatchNormalization'));
    models.generator.dispose();
    models.critic.dispose();
  });
});
