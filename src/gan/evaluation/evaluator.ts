import type * as tf from '../../core/backend/tf.js';
import type { SampleSource } from '../metrics/extractors/extract-features.js';

/** Metric values by name (`frechet_distance`, `classes_present`, `modes_covered`, ...). */
export type MetricValues = Readonly<Record<string, number>>;

/** Which way a metric improves. */
export type MetricMode = 'min' | 'max';

/** A metric and the direction in which it is better, e.g. the Fréchet distance, `min`. */
export interface MetricGoal {
  readonly metric: string;
  readonly mode: MetricMode;
}

/**
 * Samples taken through the device part of an evaluation (the generator and the feature
 * extractor), waiting to be scored: {@link Evaluator.score} reads them back and computes the
 * metrics, which needs no weights, so a training loop can go on meanwhile.
 */
export interface PendingScore {
  /** How many samples were taken. */
  readonly count: number;
  /**
   * Reads the results back, computes the metrics and frees the device memory.
   *
   * @returns the metric values.
   */
  score(): Promise<MetricValues>;
  /** Frees the device memory without scoring. */
  dispose(): void;
}

/**
 * Scores samples of one dataset with one protocol: the feature metrics of an extractor against
 * the real data's reference set, or the mode metrics of a 2-D mixture. Made by
 * `evaluatorFor(dataset)`.
 */
export interface Evaluator {
  /** The extractor's name (`digit-classifier`) or the protocol's (`mode-coverage`). */
  readonly extractor: string;
  /** The shape of one sample it scores. */
  readonly sampleShape: readonly number[];
  /** The fewest samples whose metrics it can compute. */
  readonly minSamples: number;
  /** Every metric it reports, in the order reports list them, each with its direction. */
  readonly metrics: readonly MetricGoal[];
  /** The metric best checkpoints are kept by unless told otherwise, and progress shows. */
  readonly primary: MetricGoal;
  /**
   * The device part: runs the samples through the extractor, synchronously (a hook runs it
   * between two updates, with that step's weights).
   *
   * @param samples - `[N, ...sampleShape]` (not disposed) or a source that makes them.
   * @returns the pending score.
   * @throws SampleCountError for fewer than `minSamples`; SampleShapeError for another shape.
   */
  take(samples: tf.Tensor | SampleSource): PendingScore;
  /** Frees the extractor. */
  dispose(): void;
}

/**
 * Takes and scores samples in one go.
 *
 * @example
 * ```ts
 * const evaluator = await evaluatorFor('mnist');
 * const metrics = await evaluate(evaluator, samples); // { frechet_distance: 3.2, ... }
 * ```
 *
 * @param evaluator - how to score.
 * @param samples - the samples, or a source of them.
 * @returns the metric values.
 */
export async function evaluate(
  evaluator: Evaluator,
  samples: tf.Tensor | SampleSource,
): Promise<MetricValues> {
  return await evaluator.take(samples).score();
}
