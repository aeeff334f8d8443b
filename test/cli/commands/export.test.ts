import assert from 'node:assert/strict';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runExport } from '../../../src/cli/commands/export.js';
import { runTrain } from '../../../src/cli/train/run-train.js';
import {
  initBackend,
  mlpGan,
  modelDirectory,
  restoreGenerator,
  silentLogger,
  tf,
} from '../../../src/index.js';

describe('gantry export', () => {
  let logdir: string;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    logdir = await mkdtemp(join(tmpdir(), 'gantry-export-'));
    const flags = {
      logdir,
      dataset: 'ring8',
      model: 'mlp' as const,
      loss: 'wgan' as const,
      steps: 3,
      nCritic: 2,
      batchSize: 8,
      width: 8,
      depth: 2,
      ema: 0.9,
      checkpointEvery: 3,
      backend: 'cpu' as const,
    };
    const status = await runTrain({ flags }, silentLogger);
    assert.equal(status, 0);
  });

  it("writes the run's moving-average generator where tf.loadLayersModel finds it", async () => {
    const out = await runExport({ logdir, average: true, page: true }, silentLogger);
    assert.equal(out, join(logdir, 'export'));
    assert.deepEqual((await readdir(out)).sort(), [
      'index.html',
      'model.json',
      'tf.min.js',
      'weights.bin',
    ]);
    const loaded = await tf.loadLayersModel(modelDirectory(out));
    const { generator, critic } = mlpGan({ noiseSize: 2, width: 8, depth: 2 });
    const checkpoint = join(logdir, 'checkpoints', 'ckpt-3.safetensors');
    const { averaged } = await restoreGenerator(generator, checkpoint);
    assert.ok(averaged.length > 0);
    const z = tf.randomNormal([4, 2], 0, 1, 'float32', 1);
    const read = (m: tf.LayersModel): Float32Array =>
      tf.tidy(() => (m.predict(z) as tf.Tensor).dataSync() as Float32Array);
    assert.deepEqual(read(loaded), read(generator));
    for (const model of [loaded, generator, critic]) model.dispose();
    z.dispose();
  });

  it('exports the raw weights with --no-average and no page with --no-page', async () => {
    const out = join(logdir, 'raw');
    await runExport({ logdir, out, average: false, page: false }, silentLogger);
    assert.deepEqual((await readdir(out)).sort(), ['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(modelDirectory(out));
    const { generator, critic } = mlpGan({ noiseSize: 2, width: 8, depth: 2 });
    const checkpoint = join(logdir, 'checkpoints', 'ckpt-3.safetensors');
    await restoreGenerator(generator, checkpoint, { useAverage: false });
    const same = loaded.getWeights().every((w, i) => {
      const expected = generator.getWeights()[i];
      return (
        expected !== undefined && tf.tidy(() => tf.equal(w, expected).all().dataSync()[0]) === 1
      );
    });
    assert.ok(same, 'the exported weights are the raw ones');
    for (const model of [loaded, generator, critic]) model.dispose();
  });
});
