import * as tf from '../../core/backend/tf.js';
import type { JsonValue } from '../../core/checkpoint/checkpointable.js';
import { readCounter } from '../../core/checkpoint/read-counter.js';
import { DatasetError, type Dataset } from './dataset.js';

/**
 * Cycles through a tensor held in memory in order, wrapping around at the end (a batch that
 * crosses the end is completed from the start). For tests and small fixed data; real training
 * sets shuffle (see {@link ShuffledSampleDataset}).
 *
 * @example
 * ```ts
 * const data = new InMemoryDataset(tf.randomNormal([256, 2]));
 * const batch = data.next(32); // [32, 2]
 * ```
 */
export class InMemoryDataset implements Dataset {
  readonly name = 'in-memory';
  readonly checkpointName = 'dataset';
  readonly sampleShape: readonly number[];
  readonly size: number;
  private position = 0;

  /** @param examples - `[n, ...]`; kept, not copied, so do not dispose it while training. */
  constructor(private readonly examples: tf.Tensor) {
    this.size = examples.shape[0] ?? 0;
    if (this.size < 1) throw new DatasetError('InMemoryDataset: examples hold no rows');
    this.sampleShape = examples.shape.slice(1);
  }

  next(batchSize: number): tf.Tensor {
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > this.size) {
      throw new DatasetError(
        `InMemoryDataset: batchSize must be an integer in [1, ${this.size}], got ${batchSize}`,
      );
    }
    const start = this.position;
    this.position = (start + batchSize) % this.size;
    if (start + batchSize <= this.size) return tf.slice(this.examples, start, batchSize);
    return tf.tidy(() =>
      tf.concat([
        tf.slice(this.examples, start, this.size - start),
        tf.slice(this.examples, 0, this.position),
      ]),
    );
  }

  stateDict(): JsonValue {
    return { position: this.position };
  }

  loadStateDict(state: JsonValue): void {
    this.position = readCounter(state, this.checkpointName, 'position', DatasetError) % this.size;
  }
}
