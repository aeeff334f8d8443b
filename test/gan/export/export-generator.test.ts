import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  CheckpointSaverHook,
  ExportError,
  createTrainer,
  dcgan,
  exportGenerator,
  fromFunction,
  initBackend,
  mlpGan,
  modelDirectory,
  restoreGenerator,
  ring8,
  silentLogger,
  tf,
  type GanTrainer,
  type ShadowedAverager,
} from '../../../src/index.js';
import { temporaryLogdir } from '../run-state/resumable-gan.js';
import { fakeClock } from '../tiny-gan.js';

const WIDTH = 8;

async function trainedWithAverage(logdir: string): Promise<GanTrainer> {
  const models = mlpGan({ noiseSize: 3, width: WIDTH, depth: 2 });
  const trainer = createTrainer({
    generator: models.generator,
    critic: models.critic,
    dataset: ring8(1),
    batchSize: 8,
    latentDim: 3,
    nCritic: 2,
    steps: 5,
    weightClip: 0.05,
    emaDecay: 0.5,
    backend: 'cpu',
    logdir,
    logger: silentLogger,
    clock: fakeClock(),
    hooks: [new CheckpointSaverHook()],
  });
  const result = await trainer.run();
  if (result.error !== undefined) throw result.error;
  return trainer;
}

function outputs(model: tf.LayersModel, z: tf.Tensor): Float32Array {
  return tf.tidy(() => (model.predict(z) as tf.Tensor).dataSync() as Float32Array);
}

describe('exportGenerator', () => {
  let trainer: GanTrainer;
  let logdir: string;
  let z: tf.Tensor;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    logdir = await temporaryLogdir();
    trainer = await trainedWithAverage(logdir);
    z = tf.randomNormal([16, 3], 0, 1, 'float32', 99);
  });

  it('writes a folder that tf.loadLayersModel loads into the same generator', async () => {
    const directory = join(logdir, 'export-raw');
    const written = await exportGenerator(trainer.generator, directory);
    assert.deepEqual(written.averaged, []);
    assert.deepEqual((await readdir(directory)).sort(), [
      'index.html',
      'model.json',
      'tf.min.js',
      'weights.bin',
    ]);
    const page = await readFile(join(directory, 'index.html'), 'utf8');
    assert.match(page, /const KIND = "points";/);
    const loaded = await tf.loadLayersModel(modelDirectory(directory));
    const expected = tf.tidy(() => trainer.generator.apply(z, false).dataSync() as Float32Array);
    assert.deepEqual(outputs(loaded, z), expected);
    loaded.dispose();
  });

  it('exports the moving averages in place of the weights, leaving the model as it was', async () => {
    const directory = join(logdir, 'export-ema');
    const before = tf.tidy(() => trainer.generator.apply(z, false).dataSync() as Float32Array);
    const written = await exportGenerator(trainer.generator, directory, {
      average: trainer.generatorAverage,
    });
    assert.equal(written.averaged.length, 6);
    const loaded = await tf.loadLayersModel(modelDirectory(directory));
    const { generator: reference } = mlpGan({ noiseSize: 3, width: WIDTH, depth: 2 });
    const ema = trainer.generatorAverage as ShadowedAverager;
    reference.setWeights(trainer.generator.trainableVariables.map((v) => ema.average(v) ?? v));
    assert.deepEqual(outputs(loaded, z), outputs(reference, z));
    assert.notDeepEqual(outputs(loaded, z), before);
    assert.deepEqual(
      tf.tidy(() => trainer.generator.apply(z, false).dataSync() as Float32Array),
      before,
    );
    loaded.dispose();
    reference.dispose();
  });

  it('restores the moving averages from a checkpoint into a generator built like the run', async () => {
    const path = join(logdir, 'checkpoints', 'ckpt-5.safetensors');
    const { generator } = mlpGan({ noiseSize: 3, width: WIDTH, depth: 2 });
    const restored = await restoreGenerator(generator, path);
    assert.deepEqual(restored.steps, { critic: 10, generator: 5 });
    assert.deepEqual(
      [...restored.averaged].sort(),
      generator.weights.map((w) => w.originalName).sort(),
    );
    const directory = join(logdir, 'export-from-checkpoint');
    await exportGenerator(generator, directory, { page: false });
    const loaded = await tf.loadLayersModel(modelDirectory(directory));
    const fromTrainer = join(logdir, 'export-ema');
    const expected = await tf.loadLayersModel(modelDirectory(fromTrainer));
    assert.deepEqual(outputs(loaded, z), outputs(expected, z));
    assert.deepEqual(await readdir(directory), ['model.json', 'weights.bin']);
    for (const model of [generator, loaded, expected]) model.dispose();
  });

  it('refuses a checkpoint whose generator has other shapes, naming each weight', async () => {
    const path = join(logdir, 'checkpoints', 'ckpt-5.safetensors');
    const { generator, critic } = mlpGan({ noiseSize: 3, width: WIDTH + 1, depth: 2 });
    await assert.rejects(restoreGenerator(generator, path), (error: Error) => {
      assert.ok(error instanceof ExportError);
      assert.match(error.message, /does not match .*ckpt-5\.safetensors/);
      assert.match(
        error.message,
        /generator\/dense\/kernel\/ExponentialMovingAverage: shape \[3,8\] in the file, \[3,9\]/,
      );
      return true;
    });
    generator.dispose();
    critic.dispose();
  });

  it('exports an image generator with batch normalisation and a page that draws a grid', async () => {
    const models = dcgan({ imageSize: 28, channels: 1 });
    const directory = join(logdir, 'export-dcgan');
    await exportGenerator(models.generator, directory);
    const loaded = await tf.loadLayersModel(modelDirectory(directory));
    const noise = tf.randomNormal([2, models.noiseSize], 0, 1, 'float32', 3);
    assert.deepEqual(outputs(loaded, noise), outputs(models.generator, noise));
    const page = await readFile(join(directory, 'index.html'), 'utf8');
    assert.match(page, /<script src="tf\.min\.js"><\/script>/);
    assert.match(page, /const KIND = "image";/);
    assert.match(page, /tf\.loadLayersModel\('\.\/model\.json'\)/);
    for (const model of [models.generator, models.critic, loaded]) model.dispose();
    noise.dispose();
  });

  it('refuses a generator that is not a LayersModel', async () => {
    const w = tf.variable(tf.zeros([3, 2]), true, 'generator/plain_w');
    const plain = fromFunction('generator', (input) => tf.matMul(input, w), [w]);
    await assert.rejects(
      exportGenerator(plain, join(logdir, 'never')),
      /generator is not a tfjs LayersModel .*fromLayersModel/,
    );
    w.dispose();
  });
});
