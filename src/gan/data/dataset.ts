import type * as tf from '../../core/backend/tf.js';
import type { Checkpointable, JsonValue } from '../../core/checkpoint/checkpointable.js';

/** The JSON a dataset saves in a checkpoint to continue at the same position. */
export type DatasetState = JsonValue;

/**
 * An infinite, shuffled, seeded source of training batches whose position rides in checkpoints.
 *
 * Batches are float32; image datasets yield `[B, H, W, C]` in [−1, 1], point datasets `[B, D]`.
 * The order depends only on the seed and the number of samples drawn, never on the batch size
 * asked for, so a run resumed with another batch split (replicas) sees the same data.
 */
export interface Dataset extends Checkpointable {
  /** A short name for logs and configs (`ring8`, `mnist`, a folder's path). */
  readonly name: string;
  /** The shape of one sample, without the batch dimension. */
  readonly sampleShape: readonly number[];
  /** Number of distinct samples, or `Infinity` for a sampled distribution. */
  readonly size: number;
  /**
   * @param batchSize - samples in the batch.
   * @returns the next `[batchSize, ...sampleShape]` batch; the caller disposes it.
   */
  next(batchSize: number): tf.Tensor;
}

/** A dataset could not be opened or read; the message names the file or folder. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}
