import * as tf from '../../core/backend/tf.js';
import type { SampleSource } from '../metrics/extractors/extract-features.js';

/**
 * How many samples a batch or a source holds.
 *
 * @param samples - `[N, ...]`, or a source.
 * @returns `N`.
 */
export function sampleCount(samples: tf.Tensor | SampleSource): number {
  return samples instanceof tf.Tensor ? (samples.shape[0] ?? 0) : samples.count;
}
