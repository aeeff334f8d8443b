import * as tf from '../core/backend/tf.js';
import type { Checkpointable, JsonValue } from '../core/checkpoint/checkpointable.js';
import { readCounter } from '../core/checkpoint/read-counter.js';
import { deriveSeed } from '../core/random/derive-seed.js';

/** Draws latent batches for the generator. */
export interface NoiseSampler extends Checkpointable {
  /**
   * @param batchSize - rows to draw.
   * @returns a new `[batchSize, latentDim]` tensor the caller disposes.
   */
  sample(batchSize: number): tf.Tensor2D;
}

/**
 * Standard-normal noise, reproducible: draw `k` uses seed `deriveSeed(seed, 'noise', k)` (the
 * run's `noise` stream), and `k` rides in checkpoints (as `noise_sampler`), so a resumed run
 * draws exactly what the original would.
 *
 * @example
 * ```ts
 * const noise = new GaussianNoiseSampler(64, 42);
 * const z = noise.sample(32); // [32, 64]
 * ```
 */
export class GaussianNoiseSampler implements NoiseSampler {
  readonly checkpointName = 'noise_sampler';
  private draws = 0;

  /**
   * @param latentDim - the width of each latent vector.
   * @param seed - the run's seed.
   */
  constructor(
    readonly latentDim: number,
    readonly seed: number,
  ) {}

  sample(batchSize: number): tf.Tensor2D {
    const seed = deriveSeed(this.seed, 'noise', this.draws++);
    return tf.randomNormal([batchSize, this.latentDim], 0, 1, 'float32', seed);
  }

  stateDict(): JsonValue {
    return { draws: this.draws };
  }

  loadStateDict(state: JsonValue): void {
    this.draws = readCounter(state, this.checkpointName, 'draws');
  }
}
