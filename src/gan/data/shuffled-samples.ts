import * as tf from '../../core/backend/tf.js';
import { SeededRandom } from '../../core/random/seeded-random.js';
import { DatasetError, type Dataset, type DatasetState } from './dataset.js';

/** A finite table of samples held in memory, each copied out as float32 in [−1, 1]. */
export interface SampleTable {
  readonly count: number;
  readonly sampleShape: readonly number[];
  /** Writes sample `index` into `target` starting at `offset`. */
  copyInto(index: number, target: Float32Array, offset: number): void;
}

/** Samples stored as bytes (0–255), four times smaller than floats: decoded image folders. */
export function byteSampleTable(bytes: Uint8Array, sampleShape: readonly number[]): SampleTable {
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  return {
    count: bytes.length / sampleSize,
    sampleShape,
    copyInto(index, target, offset) {
      const start = index * sampleSize;
      for (let i = 0; i < sampleSize; i++) target[offset + i] = bytes[start + i]! / 127.5 - 1;
    },
  };
}

/** Samples stored as float32 already in [−1, 1]. */
export function floatSampleTable(
  values: Float32Array,
  sampleShape: readonly number[],
): SampleTable {
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  return {
    count: values.length / sampleSize,
    sampleShape,
    copyInto(index, target, offset) {
      target.set(values.subarray(index * sampleSize, (index + 1) * sampleSize), offset);
    },
  };
}

/**
 * Cycles through a {@link SampleTable} forever in a fresh seeded permutation each epoch.
 *
 * The position is two integers (epoch, index within it): the permutation of an epoch is
 * rebuilt from the seed and the epoch number, so a checkpoint restores the exact order.
 * Batches are assembled from memory, so the device never waits on decoding.
 */
export class ShuffledSampleDataset implements Dataset {
  readonly checkpointName = 'dataset';
  readonly sampleShape: readonly number[];
  readonly size: number;
  private epoch = 0;
  private index = 0;
  private order: Uint32Array;

  /**
   * @param name - the name shown in logs.
   * @param table - the samples.
   * @param seed - seeds every epoch's permutation.
   */
  constructor(
    readonly name: string,
    /** The samples, in their stored order (what reference statistics are computed from). */
    readonly table: SampleTable,
    private readonly seed: number,
  ) {
    if (table.count < 1) throw new DatasetError(`${name}: the dataset holds no samples`);
    this.sampleShape = table.sampleShape;
    this.size = table.count;
    this.order = this.permutation(0);
  }

  next(batchSize: number): tf.Tensor {
    const sampleSize = this.sampleShape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(batchSize * sampleSize);
    for (let i = 0; i < batchSize; i++) {
      if (this.index === this.order.length) {
        this.epoch++;
        this.index = 0;
        this.order = this.permutation(this.epoch);
      }
      this.table.copyInto(this.order[this.index++]!, values, i * sampleSize);
    }
    return tf.tensor(values, [batchSize, ...this.sampleShape], 'float32');
  }

  stateDict(): DatasetState {
    return { seed: this.seed, epoch: this.epoch, index: this.index, size: this.size };
  }

  loadStateDict(state: DatasetState): void {
    const { epoch, index, size } = state as { epoch: number; index: number; size: number };
    if (size !== this.size) {
      throw new DatasetError(
        `${this.name}: the checkpoint's dataset held ${size} samples, this one holds ${this.size}`,
      );
    }
    this.epoch = epoch;
    this.index = index;
    this.order = this.permutation(epoch);
  }

  private permutation(epoch: number): Uint32Array {
    const order = new Uint32Array(this.size);
    for (let i = 0; i < order.length; i++) order[i] = i;
    return new SeededRandom((this.seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0).shuffle(order);
  }
}
