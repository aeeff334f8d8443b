import { MetricError } from '../metrics/errors.js';

/**
 * A dataset gantry has no way to score: no feature extractor reads its samples (e.g. 64×64
 * colour images). The message names the dataset and says what would score it.
 */
export class NoExtractorError extends MetricError {
  override readonly name: string = 'NoExtractorError';
}

/** Fewer samples than an evaluation's metrics need; the message names the metric and the count. */
export class SampleCountError extends MetricError {
  override readonly name: string = 'SampleCountError';
}
