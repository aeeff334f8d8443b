import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  CheckpointSaverHook,
  InMemoryDataset,
  createTrainer,
  dcgan,
  fromFunction,
  initBackend,
  modelDirectory,
  ring8,
  silentLogger,
  tf,
  type GanModel,
  type TrainerConfig,
} from '../../../src/index.js';
import { fakeClock } from '../../gan/tiny-gan.js';
import { gantry } from '../cli-run.js';

/** Trains two steps through the library API, as a user's script would, and saves at the end. */
async function trainWithLibrary(
  config: Pick<TrainerConfig, 'generator' | 'critic' | 'dataset' | 'latentDim' | 'logdir'>,
): Promise<void> {
  const trainer = createTrainer({
    ...config,
    batchSize: 4,
    nCritic: 1,
    steps: 2,
    emaDecay: 0.5,
    backend: 'cpu',
    logger: silentLogger,
    clock: fakeClock(),
    hooks: [new CheckpointSaverHook()],
  });
  const { error } = await trainer.run();
  if (error !== undefined) throw error;
}

/** The generator's raw outputs for `gantry sample --n N --seed S --no-ema`'s noise. */
function expectedSamples(generator: GanModel | tf.LayersModel, n: number, latentDim: number) {
  return tf.tidy(() => {
    const z = tf.randomNormal([n, latentDim], 0, 1, 'float32', 5);
    const output =
      generator instanceof tf.LayersModel ? generator.predict(z) : generator.apply(z, false);
    return (output as tf.Tensor).arraySync();
  });
}

async function sampledJson(logdir: string, ...flags: string[]): Promise<unknown> {
  const out = join(logdir, `samples-${flags.length}.json`);
  const args = ['sample', '--logdir', logdir, '--n', '3', '--seed', '5', '--no-ema'];
  const { status, stderr } = gantry(...args, '--out', out, ...flags);
  assert.equal(status, 0, stderr);
  return JSON.parse(await readFile(out, 'utf8'));
}

describe('gantry sample, export and inspect on a run of the library API', () => {
  let folder: string;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    folder = await mkdtemp(join(tmpdir(), 'gantry-library-runs-'));
  });

  describe('with a dcgan generator', () => {
    let logdir: string;
    let generator: tf.LayersModel;
    before(async () => {
      logdir = join(folder, 'dcgan');
      const models = dcgan({ noiseSize: 4, baseFilters: 2, seed: 1 });
      generator = models.generator;
      const dataset = new InMemoryDataset(tf.randomUniform([8, 28, 28, 1], -1, 1, 'float32', 2));
      await trainWithLibrary({ generator, critic: models.critic, dataset, latentDim: 4, logdir });
    });

    it('samples the trained generator, rebuilt from the checkpoint alone (no config.json)', async () => {
      assert.deepEqual(await sampledJson(logdir), expectedSamples(generator, 3, 4));
    });

    it('exports the generator as a model.json that computes what the trained one does', async () => {
      const out = join(logdir, 'raw-export');
      const { status, stderr } = gantry('export', '--logdir', logdir, '--out', out, '--no-average');
      assert.equal(status, 0, stderr);
      const loaded = await tf.loadLayersModel(modelDirectory(out));
      assert.deepEqual(expectedSamples(loaded, 3, 4), expectedSamples(generator, 3, 4));
      loaded.dispose();
    });

    it('inspects the checkpoint, summing up the recorded topology in one line', () => {
      const { status, stdout, stderr } = gantry('inspect', '--logdir', logdir);
      assert.equal(status, 0, stderr);
      assert.match(stdout, /^generator topology: Sequential of 8 layers \(gantry inspect --json/m);
      assert.doesNotMatch(stdout, /"class_name"/, 'the table leaves the topology to --json');
    });
  });

  it("rebuilds a user's own tf.sequential generator, its layers named by tfjs", async () => {
    const logdir = join(folder, 'sequential');
    const dense = (units: number, inputSize: number, seed: number) =>
      tf.layers.dense({
        units,
        inputShape: [inputSize],
        kernelInitializer: tf.initializers.glorotNormal({ seed }),
      });
    const generator = tf.sequential({ layers: [dense(8, 3, 1), dense(2, 8, 2)] });
    const critic = tf.sequential({ layers: [dense(8, 2, 3), dense(1, 8, 4)] });
    await trainWithLibrary({ generator, critic, dataset: ring8(1), latentDim: 3, logdir });
    assert.deepEqual(await sampledJson(logdir), expectedSamples(generator, 3, 3));
    const { status, stderr } = gantry('export', '--logdir', logdir);
    assert.equal(status, 0, stderr);
  });

  describe('with a generator made with fromFunction', () => {
    let logdir: string;
    let expected: unknown;
    before(async () => {
      logdir = join(folder, 'function');
      const variable = (shape: number[], seed: number, name: string) =>
        tf.variable(tf.randomNormal(shape, 0, 0.5, 'float32', seed), true, name);
      const kernel = variable([2, 2], 1, 'generator/affine/kernel');
      const bias = variable([2], 2, 'generator/affine/bias');
      const w = variable([2, 1], 3, 'critic/linear/w');
      const generator = fromFunction('generator', (z) => tf.add(tf.matMul(z, kernel), bias), [
        kernel,
        bias,
      ]);
      const critic = fromFunction('critic', (x) => tf.matMul(x, w), [w]);
      await trainWithLibrary({ generator, critic, dataset: ring8(1), latentDim: 2, logdir });
      expected = expectedSamples(generator, 3, 2);
      // Frees the names for the LayersModel below, whose weights take the same ones.
      tf.dispose([kernel, bias, w]);
    });

    it('says exactly what to pass: --generator FILE, a model.json of the same architecture', () => {
      const { status, stderr } = gantry(
        'sample',
        '--logdir',
        logdir,
        '--n',
        '1',
        '--out',
        join(logdir, 'x.json'),
      );
      assert.equal(status, 2, stderr);
      assert.match(
        stderr,
        /the generator of \S+ckpt-2\.safetensors was made with fromFunction, so the checkpoint records no architecture to rebuild it from; pass --generator FILE, a TensorFlow\.js model\.json \(or model\.toJSON\(\)'s JSON\) of the run's generator architecture whose weights carry the names the checkpoint holds \(gantry inspect lists them\)/,
      );
      const inspected = gantry('inspect', '--logdir', logdir);
      assert.match(inspected.stdout, /^generator topology: none \(made with fromFunction;/m);
    });

    it('samples it with --generator, a LayersModel whose weights carry its variables’ names', async () => {
      const same = tf.sequential({
        layers: [tf.layers.dense({ units: 2, inputShape: [2], name: 'generator/affine' })],
      });
      const file = join(logdir, 'architecture.json');
      await writeFile(file, JSON.stringify(same.toJSON(null, false)));
      same.dispose();
      assert.deepEqual(await sampledJson(logdir, '--generator', file), expected);
    });
  });
});
