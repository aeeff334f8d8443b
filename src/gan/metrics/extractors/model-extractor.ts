import * as tf from '../../../core/backend/tf.js';
import { MetricOptionError } from '../errors.js';
import type { ExtractedBatch, FeatureExtractor } from './feature-extractor.js';
import { weightsFingerprint } from './weights-fingerprint.js';

/** What {@link layersModelExtractor} and {@link graphModelExtractor} share. */
export interface ModelExtractorOptions {
  /** Names the extractor in reports and cache keys, e.g. `inception-v3`. */
  name: string;
  /** The shape of one sample as the generator writes it, e.g. `[28, 28, 1]`. */
  inputShape: readonly number[];
  /**
   * Maps `[N, ...inputShape]` in the generator's range ([−1, 1]) to what the model reads;
   * default none. `imagePreprocessing` covers resizing, channels and the pixel range.
   */
  preprocess?: (samples: tf.Tensor) => tf.Tensor;
  /** Identifies the weights in cache keys; default a SHA-256 of every weight (read once). */
  fingerprint?: string;
}

/** Options of {@link layersModelExtractor}. */
export interface LayersModelExtractorOptions extends ModelExtractorOptions {
  /**
   * The layer whose output is the features (Inception's `avg_pool`, a classifier's
   * penultimate layer); default the model's output.
   */
  layer?: string;
  /** Also read the model's output as class probabilities (a softmax classifier); default false. */
  classify?: boolean;
}

/** Options of {@link graphModelExtractor}. */
export interface GraphModelExtractorOptions extends ModelExtractorOptions {
  /** The graph node whose value is the features, e.g. `StatefulPartitionedCall:0`. */
  outputNode: string;
  /** A node with class probabilities `[N, classCount]`, for class coverage; default none. */
  probabilities?: { node: string; classCount: number };
}

/**
 * Wraps a `tf.LayersModel` of your own as a {@link FeatureExtractor}: the features are the
 * output of `layer` (an intermediate layer's, read with `model.execute` in inference mode),
 * computed after `preprocess`. The model stays yours: `dispose()` leaves it alone. Nothing is
 * downloaded: load the model from a local folder first (`tf.loadLayersModel('file://...')`).
 *
 * @example
 * ```ts
 * const model = await tf.loadLayersModel('file://models/my-classifier/model.json');
 * const extractor = layersModelExtractor(model, {
 *   name: 'my-classifier',
 *   inputShape: [28, 28, 1],
 *   layer: 'dense_1',
 *   classify: true,
 *   preprocess: imagePreprocessing({ range: [0, 1] }),
 * });
 * ```
 *
 * @param model - the model; not disposed by the extractor.
 * @param options - name, sample shape, feature layer and preprocessing.
 * @returns the extractor.
 * @throws MetricOptionError when the model has no layer of that name.
 */
export function layersModelExtractor(
  model: tf.LayersModel,
  options: LayersModelExtractorOptions,
): FeatureExtractor {
  const output = model.outputs[0]!;
  let featureName = output.name;
  if (options.layer !== undefined) {
    const names = model.layers.map((layer) => layer.name);
    if (!names.includes(options.layer)) {
      throw new MetricOptionError(
        `layersModelExtractor ${options.name}: the model has no layer ${options.layer}; ` +
          `its layers are ${names.join(', ')}`,
      );
    }
    featureName = (model.getLayer(options.layer).output as tf.SymbolicTensor).name;
  }
  const classify = options.classify === true;
  const outputs = classify ? [featureName, output.name] : [featureName];
  const fingerprint =
    options.fingerprint ??
    weightsFingerprint(model.weights.map((weight) => [weight.originalName, weight.read()]));
  return {
    name: options.name,
    inputShape: [...options.inputShape],
    fingerprint,
    ...(classify ? { classCount: output.shape.at(-1)! } : {}),
    apply: (samples) =>
      batchOf(model.execute(preprocessed(samples, options), outputs) as tf.Tensor[] | tf.Tensor),
    dispose: () => undefined,
  };
}

/**
 * Wraps a `tf.GraphModel` (a SavedModel or frozen graph converted with
 * `tensorflowjs_converter`, e.g. an InceptionV3 with its pool layer as `outputNode`) as a
 * {@link FeatureExtractor}, read with `model.execute`. The model stays yours.
 *
 * @example
 * ```ts
 * const inception = await tf.loadGraphModel('file://models/inception-v3/model.json');
 * const extractor = graphModelExtractor(inception, {
 *   name: 'inception-v3',
 *   inputShape: [28, 28, 1],
 *   outputNode: 'StatefulPartitionedCall:0',
 *   preprocess: imagePreprocessing({ size: [299, 299], channels: 3, range: [-1, 1] }),
 * });
 * ```
 *
 * @param model - the graph model; not disposed by the extractor.
 * @param options - name, sample shape, output nodes and preprocessing.
 * @returns the extractor.
 */
export function graphModelExtractor(
  model: tf.GraphModel,
  options: GraphModelExtractorOptions,
): FeatureExtractor {
  const { probabilities } = options;
  const outputs =
    probabilities === undefined ? [options.outputNode] : [options.outputNode, probabilities.node];
  const fingerprint =
    options.fingerprint ??
    weightsFingerprint(
      Object.entries(model.weights).flatMap(([name, tensors]) =>
        tensors.map((tensor, i) => [`${name}/${i}`, tensor] as const),
      ),
    );
  return {
    name: options.name,
    inputShape: [...options.inputShape],
    fingerprint,
    ...(probabilities === undefined ? {} : { classCount: probabilities.classCount }),
    apply: (samples) =>
      batchOf(model.execute(preprocessed(samples, options), outputs) as tf.Tensor[] | tf.Tensor),
    dispose: () => undefined,
  };
}

function preprocessed(samples: tf.Tensor, options: ModelExtractorOptions): tf.Tensor {
  return options.preprocess === undefined ? samples : options.preprocess(samples);
}

/** Flattens the features to `[N, d]` (a pool layer gives `[N, 1, 1, d]`). */
function batchOf(result: tf.Tensor | tf.Tensor[]): ExtractedBatch {
  const [features, probabilities] = Array.isArray(result) ? result : [result];
  const rows = features!.shape[0]!;
  return {
    features: features!.reshape([rows, features!.size / rows]) as tf.Tensor2D,
    ...(probabilities === undefined
      ? {}
      : { probabilities: probabilities.reshape([rows, probabilities.size / rows]) as tf.Tensor2D }),
  };
}
