import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import {
  floatSampleTable,
  grid25,
  InMemoryDataset,
  ring8,
  ShuffledSampleDataset,
} from '../../../src/gan/data/index.js';
import {
  evaluate,
  evaluatorFor,
  generatorSamples,
  imageEvaluator,
  mixtureEvaluator,
  NoExtractorError,
  referenceSet,
  SampleCountError,
} from '../../../src/gan/evaluation/index.js';
import { SampleShapeError } from '../../../src/gan/metrics/index.js';
import { tinyExtractor } from './tiny-extractor.js';

async function tinyImageEvaluator() {
  const { extractor, model } = tinyExtractor({ classify: true });
  const real = tf.randomUniform([400, 2, 2, 1], -1, 1, 'float32', 1);
  const table = floatSampleTable(real.dataSync() as Float32Array, [2, 2, 1]);
  real.dispose();
  const cacheDirectory = await mkdtemp(join(tmpdir(), 'gantry-evaluators-'));
  const reference = await referenceSet({ dataset: 'toy', table, extractor, cacheDirectory });
  const evaluator = imageEvaluator(extractor, reference, {
    kid: { numSubsets: 5, subsetSize: 100 },
    manifoldSamples: 200,
  });
  return { evaluator, model };
}

describe('imageEvaluator', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('reports every feature metric and class coverage, the Fréchet distance first', async () => {
    const { evaluator, model } = await tinyImageEvaluator();
    const samples = tf.randomUniform([300, 2, 2, 1], -1, 1, 'float32', 2);
    const metrics = await evaluate(evaluator, samples);
    assert.deepEqual(
      Object.keys(metrics),
      evaluator.metrics.map((goal) => goal.metric),
    );
    assert.deepEqual(evaluator.primary, { metric: 'frechet_distance', mode: 'min' });
    assert.equal(metrics['classes_present'], 2);
    assert.ok(metrics['frechet_distance']! < 0.05, `${metrics['frechet_distance']}`);
    assert.ok(metrics['precision']! > 0.8 && metrics['recall']! > 0.8);
    samples.dispose();
    model.dispose();
  });

  it('ranks samples like the real data ahead of shifted ones, and leaks no tensor', async () => {
    const { evaluator, model } = await tinyImageEvaluator();
    const before = tf.memory().numTensors;
    const like = tf.randomUniform([300, 2, 2, 1], -1, 1, 'float32', 3);
    const shifted = tf.randomUniform([300, 2, 2, 1], 0, 1, 'float32', 4);
    const near = await evaluate(evaluator, like);
    const far = await evaluate(evaluator, shifted);
    tf.dispose([like, shifted]);
    assert.ok(near['frechet_distance']! < far['frechet_distance']!);
    assert.ok(near['kid']! < far['kid']!);
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });

  it('refuses fewer samples than features + 1, naming the metric and the count', async () => {
    const { evaluator, model } = await tinyImageEvaluator();
    const few = tf.zeros([3, 2, 2, 1]);
    assert.throws(
      () => evaluator.take(few),
      (error: Error) =>
        error instanceof SampleCountError &&
        /^3 samples: the Fréchet distance on the 3 features of tiny needs at least 4/.test(
          error.message,
        ),
    );
    few.dispose();
    model.dispose();
  });
});

describe('mixtureEvaluator', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it("scores the mixture's own samples as covering every mode, balanced", async () => {
    const dataset = grid25(1);
    const points = dataset.next(5000);
    const metrics = await evaluate(mixtureEvaluator(dataset), points);
    points.dispose();
    assert.equal(metrics['modes_covered'], 25);
    assert.ok(metrics['high_quality']! > 0.98);
    assert.ok(metrics['reverse_kl']! < 0.01, `${metrics['reverse_kl']}`);
  });

  it('sees a collapse onto one mode as the worst reverse KL', async () => {
    const dataset = ring8(1);
    const points = tf.tensor2d(Array.from({ length: 50 }, () => [1, 0]));
    const metrics = await evaluate(mixtureEvaluator(dataset), points);
    points.dispose();
    assert.equal(metrics['modes_covered'], 1);
    assert.equal(metrics['high_quality'], 1);
    assert.ok(Math.abs(metrics['reverse_kl']! - Math.log(8)) < 1e-12);
  });

  it('refuses images, naming their shape and the points it scores', () => {
    const images = tf.zeros([4, 28, 28, 1]);
    assert.throws(
      () => mixtureEvaluator(ring8(1)).take(images),
      (error: Error) =>
        error instanceof SampleShapeError &&
        /samples of shape \[28, 28, 1\] are not points of ring8, which are \[2\]/.test(
          error.message,
        ),
    );
    images.dispose();
  });
});

describe('evaluatorFor', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('scores the 2-D toys by their modes', async () => {
    const evaluator = await evaluatorFor(ring8(0));
    assert.equal(evaluator.extractor, 'mode-coverage');
    assert.deepEqual(evaluator.primary, { metric: 'reverse_kl', mode: 'min' });
  });

  it('names a dataset without an extractor and says what would score it', async () => {
    const colour = new ShuffledSampleDataset(
      'faces',
      floatSampleTable(new Float32Array(64 * 64 * 3 * 2), [64, 64, 3]),
      0,
    );
    await assert.rejects(evaluatorFor(colour), (error: Error) => {
      assert.ok(error instanceof NoExtractorError);
      assert.match(
        error.message,
        /^dataset faces \(samples \[64, 64, 3\]\) has no feature extractor/,
      );
      assert.match(error.message, /layersModelExtractor/);
      return true;
    });
    const examples = tf.zeros([4, 3]);
    await assert.rejects(evaluatorFor(new InMemoryDataset(examples)), NoExtractorError);
    examples.dispose();
  });
});

describe('generatorSamples', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('gives the same samples whatever batch size reads them', () => {
    const source = generatorSamples((z) => tf.mul(z, 2), { count: 1200, noiseSize: 3, seed: 7 });
    const whole = source.batch(0, 1200);
    const parts = [source.batch(0, 450), source.batch(450, 600), source.batch(1050, 150)];
    const joined = tf.concat(parts, 0);
    assert.deepEqual(joined.dataSync(), whole.dataSync());
    tf.dispose([whole, joined, ...parts]);
  });
});
