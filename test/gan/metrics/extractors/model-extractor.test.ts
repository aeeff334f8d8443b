import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import * as tf from '../../../../src/core/backend/tf.js';
import { silentLogger } from '../../../../src/core/logger.js';
import {
  extractFeatures,
  graphModelExtractor,
  imagePreprocessing,
  layersModelExtractor,
  MetricOptionError,
  SampleShapeError,
} from '../../../../src/gan/metrics/index.js';

/** 2 inputs → 3 ReLU features (`hidden`) → 2 softmax classes, with fixed weights. */
function tinyClassifier(): tf.LayersModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ name: 'hidden', inputShape: [2], units: 3, activation: 'relu' }),
      tf.layers.dense({ name: 'classes', units: 2, activation: 'softmax' }),
    ],
  });
  model.setWeights([
    tf.tensor2d([1, 0, -1, 0, 1, 1], [2, 3]),
    tf.zeros([3]),
    tf.tensor2d([1, 0, 0, 1, 0, 0], [3, 2]),
    tf.zeros([2]),
  ]);
  return model;
}

/** A graph `y = relu(x · w)` as tensorflowjs_converter writes one, with `w` as a weight. */
async function tinyGraph(): Promise<tf.GraphModel> {
  const float = { type: 'DT_FLOAT' };
  const modelTopology = {
    node: [
      {
        name: 'x',
        op: 'Placeholder',
        attr: { dtype: float, shape: { shape: { dim: [{ size: '-1' }, { size: '2' }] } } },
      },
      {
        name: 'w',
        op: 'Const',
        attr: {
          dtype: float,
          value: {
            tensor: { dtype: 'DT_FLOAT', tensorShape: { dim: [{ size: '2' }, { size: '3' }] } },
          },
        },
      },
      {
        name: 'product',
        op: 'MatMul',
        input: ['x', 'w'],
        attr: { T: float, transpose_a: { b: false }, transpose_b: { b: false } },
      },
      { name: 'features', op: 'Relu', input: ['product'], attr: { T: float } },
    ],
    versions: { producer: 1 },
  };
  const weights = new Float32Array([1, 0, -1, 0, 1, 1]);
  return tf.loadGraphModel(
    tf.io.fromMemory({
      modelTopology,
      weightSpecs: [{ name: 'w', shape: [2, 3], dtype: 'float32' }],
      weightData: weights.buffer,
    }),
  );
}

describe('model extractors', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it("reads a LayersModel's intermediate layer as features and its output as classes", async () => {
    const model = tinyClassifier();
    const extractor = layersModelExtractor(model, {
      name: 'tiny',
      inputShape: [2],
      layer: 'hidden',
      classify: true,
    });
    const samples = tf.tensor2d([2, 1, -1, 3], [2, 2]);
    const { features, predictedClasses } = await extractFeatures(extractor, samples);
    assert.deepEqual([...features.values], [2, 1, 0, 0, 3, 4]);
    assert.deepEqual([...predictedClasses!], [0, 1]);
    assert.equal(extractor.classCount, 2);
    samples.dispose();
    model.dispose();
  });

  it('applies the preprocessing first and batches without changing the result', async () => {
    const model = tinyClassifier();
    const preprocess = (x: tf.Tensor) => tf.mul(x, 2);
    const extractor = layersModelExtractor(model, {
      name: 'tiny',
      inputShape: [2],
      layer: 'hidden',
      preprocess,
    });
    const samples = tf.randomNormal([7, 2], 0, 1, 'float32', 1);
    const whole = await extractFeatures(extractor, samples);
    const batched = await extractFeatures(extractor, samples, 3);
    const plain = await extractFeatures(
      layersModelExtractor(model, { name: 'plain', inputShape: [2], layer: 'hidden' }),
      tf.mul(samples, 2),
    );
    assert.deepEqual(batched.features, whole.features);
    assert.deepEqual(whole.features, plain.features);
    samples.dispose();
    model.dispose();
  });

  it('fingerprints the weights: equal weights alike, changed weights not', () => {
    const a = tinyClassifier();
    const b = tinyClassifier();
    const print = (model: tf.LayersModel) =>
      layersModelExtractor(model, { name: 'tiny', inputShape: [2] }).fingerprint;
    assert.equal(print(a), print(b));
    b.layers[0]!.setWeights([tf.ones([2, 3]), tf.zeros([3])]);
    assert.notEqual(print(a), print(b));
    a.dispose();
    b.dispose();
  });

  it('names the layers it has when asked for one it has not', () => {
    const model = tinyClassifier();
    assert.throws(
      () => layersModelExtractor(model, { name: 'tiny', inputShape: [2], layer: 'pool' }),
      (error: Error) =>
        error instanceof MetricOptionError &&
        /no layer pool; its layers are hidden, classes/.test(error.message),
    );
    model.dispose();
  });

  it('reads a GraphModel at its output node', async () => {
    const graph = await tinyGraph();
    const extractor = graphModelExtractor(graph, {
      name: 'graph',
      inputShape: [2],
      outputNode: 'features',
    });
    const samples = tf.tensor2d([2, 1, -1, 3], [2, 2]);
    const { features } = await extractFeatures(extractor, samples);
    assert.deepEqual([...features.values], [2, 1, 0, 0, 3, 4]);
    assert.match(extractor.fingerprint, /^[0-9a-f]{64}$/);
    samples.dispose();
    graph.dispose();
  });

  it('refuses samples of another shape, naming both, and leaks nothing', async () => {
    const model = tinyClassifier();
    const extractor = layersModelExtractor(model, {
      name: 'tiny',
      inputShape: [2],
      layer: 'hidden',
    });
    const before = tf.memory().numTensors;
    const images = tf.zeros([4, 28, 28, 1]);
    await assert.rejects(
      extractFeatures(extractor, images),
      (error: Error) =>
        error instanceof SampleShapeError &&
        /samples of shape \[28, 28, 1\] do not fit the tiny extractor, which reads \[2\]/.test(
          error.message,
        ),
    );
    images.dispose();
    assert.equal(tf.memory().numTensors, before);
    model.dispose();
  });
});

describe('imagePreprocessing', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it("maps [-1, 1] to the model's range, gives gray images three channels and resizes", () => {
    const images = tf.tensor4d([-1, 0, 0, 1], [1, 2, 2, 1]);
    const output = imagePreprocessing({ size: [4, 4], channels: 3, range: [0, 255] })(images);
    assert.deepEqual(output.shape, [1, 4, 4, 3]);
    const values = output.dataSync();
    assert.equal(values[0], 0);
    assert.equal(Math.max(...values), 255);
    tf.dispose([images, output]);
  });

  it('leaves images alone when they already fit', () => {
    const images = tf.tensor4d([-1, 0.5], [1, 1, 2, 1]);
    const output = imagePreprocessing()(images);
    assert.deepEqual([...output.dataSync()], [-1, 0.5]);
    tf.dispose([images, output]);
  });
});
