import * as tf from '../../../core/backend/tf.js';
import { FeatureMatrixError, SampleShapeError } from '../errors.js';
import type { FeatureMatrix } from '../feature-matrix.js';
import type { ExtractedBatch, FeatureExtractor } from './feature-extractor.js';

/**
 * Samples made on demand, a batch at a time (a generator's output), so that 10,000 of them
 * never sit in memory at once.
 */
export interface SampleSource {
  /** How many samples there are. */
  readonly count: number;
  /**
   * Makes samples `start` to `start + size − 1`.
   *
   * @returns `[size, ...sampleShape]`; the caller disposes it.
   */
  batch(start: number, size: number): tf.Tensor;
}

/** Features read back from the device. */
export interface ExtractedFeatures {
  /** One row per sample, float32 as the extractor computed them. */
  readonly features: FeatureMatrix;
  /** The most probable class of each sample, for an extractor that classifies. */
  readonly predictedClasses?: Int32Array;
}

/** Samples per forward pass unless told otherwise: bounds the activations' memory. */
const DEFAULT_BATCH = 500;

/**
 * Runs the extractor over all samples, a batch at a time, and keeps the results on the device:
 * synchronous, so a hook can run it between two updates with the generator's weights of that
 * step. Every intermediate tensor is freed.
 *
 * @param extractor - the feature extractor.
 * @param samples - a batch `[N, ...inputShape]` (not disposed) or a {@link SampleSource}.
 * @param batchSize - samples per forward pass; default 500.
 * @returns the features `[N, d]` and any class probabilities; the caller disposes them (or
 *   hands them to {@link readExtracted}).
 * @throws SampleShapeError when the samples do not have the extractor's input shape;
 *   FeatureMatrixError when there are none.
 */
export function extractFeatureTensors(
  extractor: FeatureExtractor,
  samples: tf.Tensor | SampleSource,
  batchSize = DEFAULT_BATCH,
): ExtractedBatch {
  const source = samples instanceof tf.Tensor ? tensorSource(samples) : samples;
  if (source.count < 1) {
    throw new FeatureMatrixError(
      `no samples for the ${extractor.name} extractor; pass at least one`,
    );
  }
  const features: tf.Tensor2D[] = [];
  const probabilities: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < source.count; start += batchSize) {
      const size = Math.min(batchSize, source.count - start);
      const [batchFeatures, batchProbabilities] = tf.tidy(() => {
        const input = source.batch(start, size);
        checkShape(extractor, input.shape);
        const batch = extractor.apply(input);
        return batch.probabilities === undefined
          ? [batch.features]
          : [batch.features, batch.probabilities];
      });
      features.push(batchFeatures!);
      if (batchProbabilities !== undefined) probabilities.push(batchProbabilities);
    }
    return {
      features: tf.concat(features, 0),
      ...(probabilities.length > 0 ? { probabilities: tf.concat(probabilities, 0) } : {}),
    };
  } finally {
    tf.dispose([...features, ...probabilities]);
  }
}

/**
 * Reads extracted tensors back (asynchronously, so a training loop can go on meanwhile) and
 * frees them.
 *
 * @param batch - what {@link extractFeatureTensors} returned; disposed.
 * @returns the features as a matrix and the predicted classes.
 */
export async function readExtracted(batch: ExtractedBatch): Promise<ExtractedFeatures> {
  const classes =
    batch.probabilities === undefined ? undefined : tf.tidy(() => batch.probabilities!.argMax(1));
  try {
    const [rows, columns] = batch.features.shape;
    const values = (await batch.features.data()) as Float32Array;
    const features = { rows, columns, values };
    if (classes === undefined) return { features };
    return { features, predictedClasses: (await classes.data()) as Int32Array };
  } finally {
    tf.dispose([batch.features, batch.probabilities, classes].filter((t) => t !== undefined));
  }
}

/**
 * The features of a set of samples, read back: {@link extractFeatureTensors} then
 * {@link readExtracted}.
 *
 * @example
 * ```ts
 * const extractor = await loadDigitClassifier();
 * const { features, predictedClasses } = await extractFeatures(extractor, images);
 * ```
 *
 * @param extractor - the feature extractor.
 * @param samples - a batch (not disposed) or a {@link SampleSource}.
 * @param batchSize - samples per forward pass; default 500.
 * @returns the features and the predicted classes.
 */
export async function extractFeatures(
  extractor: FeatureExtractor,
  samples: tf.Tensor | SampleSource,
  batchSize = DEFAULT_BATCH,
): Promise<ExtractedFeatures> {
  return await readExtracted(extractFeatureTensors(extractor, samples, batchSize));
}

function tensorSource(samples: tf.Tensor): SampleSource {
  return {
    count: samples.shape[0] ?? 0,
    batch: (start, size) => samples.slice(start, size),
  };
}

function checkShape(extractor: FeatureExtractor, shape: readonly number[]): void {
  const sample = shape.slice(1);
  const expected = extractor.inputShape;
  if (sample.length !== expected.length || sample.some((size, i) => size !== expected[i])) {
    throw new SampleShapeError(
      `samples of shape [${sample.join(', ')}] do not fit the ${extractor.name} extractor, ` +
        `which reads [${expected.join(', ')}]; score them with an extractor for that shape`,
    );
  }
}
