import * as tf from '../../core/backend/tf.js';
import { deriveSeed } from '../../core/random/derive-seed.js';
import type { SampleSource } from '../metrics/extractors/extract-features.js';

/** Options of {@link generatorSamples}. */
export interface GeneratorSamplesOptions {
  /** How many samples. */
  count: number;
  /** The length of the generator's noise vector. */
  noiseSize: number;
  /** Seeds the noise: block `k` of 500 rows draws from `deriveSeed(seed, 'evaluation', k)`. */
  seed: number;
}

/** Rows of noise drawn per seed: the samples are the same whatever batch size reads them. */
const NOISE_BLOCK = 500;

/**
 * A generator's samples as a {@link SampleSource}, made a batch at a time from seeded standard
 * normal noise, so 10,000 samples never sit in memory at once and the same seed gives the same
 * samples. Run the generator in inference mode (`training: false`) in `generate`.
 *
 * @example
 * ```ts
 * const source = generatorSamples((z) => generator.apply(z, false), { count: 10000, noiseSize: 100, seed: 0 });
 * const metrics = await evaluate(evaluator, source);
 * ```
 *
 * @param generate - maps a noise batch `[B, noiseSize]` to samples `[B, ...]`.
 * @param options - how many, the noise width and the seed.
 * @returns the source.
 */
export function generatorSamples(
  generate: (noise: tf.Tensor2D) => tf.Tensor,
  options: GeneratorSamplesOptions,
): SampleSource {
  const { noiseSize, seed } = options;
  return {
    count: options.count,
    batch: (start, size) =>
      tf.tidy(() => {
        const blocks: tf.Tensor2D[] = [];
        const first = Math.floor(start / NOISE_BLOCK);
        const last = Math.floor((start + size - 1) / NOISE_BLOCK);
        for (let block = first; block <= last; block++) {
          blocks.push(
            tf.randomNormal(
              [NOISE_BLOCK, noiseSize],
              0,
              1,
              'float32',
              deriveSeed(seed, 'evaluation', block),
            ),
          );
        }
        const noise = tf
          .concat(blocks, 0)
          .slice([start - first * NOISE_BLOCK, 0], [size, noiseSize]);
        return generate(noise);
      }),
  };
}
