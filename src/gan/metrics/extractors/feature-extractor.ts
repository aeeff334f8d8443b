import type * as tf from '../../../core/backend/tf.js';

/** What a {@link FeatureExtractor} computes for one batch of samples. */
export interface ExtractedBatch {
  /** `[N, dimension]`: the features the distribution metrics compare. */
  readonly features: tf.Tensor2D;
  /** `[N, classCount]` class probabilities, for an extractor that classifies. */
  readonly probabilities?: tf.Tensor2D;
}

/**
 * Turns samples into the features the metrics compare (the role Inception's pool layer plays
 * for the FID), optionally with class probabilities for class coverage. Every extractor reads
 * samples as the generator writes them — `[N, ...inputShape]`, images in [−1, 1] — and does its
 * own preprocessing, so real data and generated samples always go through the same steps.
 *
 * gantry ships one for 28×28 digits (`loadDigitClassifier`); `layersModelExtractor` and
 * `graphModelExtractor` wrap a model of your own.
 */
export interface FeatureExtractor {
  /** Names the extractor in reports and in the reference statistics' cache key. */
  readonly name: string;
  /** The shape of one sample it reads, e.g. `[28, 28, 1]`. */
  readonly inputShape: readonly number[];
  /**
   * Identifies the weights (e.g. a SHA-256 of them): reference statistics computed with other
   * weights are never reused.
   */
  readonly fingerprint: string;
  /** How many classes `apply` gives probabilities for; absent when it does not classify. */
  readonly classCount?: number;
  /**
   * Computes one batch's features; `extractFeatures` calls it inside `tf.tidy`.
   *
   * @param samples - `[N, ...inputShape]` in the generator's range.
   * @returns the features and, when it classifies, the class probabilities.
   */
  apply(samples: tf.Tensor): ExtractedBatch;
  /** Frees the extractor's weights. */
  dispose(): void;
}
