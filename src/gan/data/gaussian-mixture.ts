import * as tf from '../../core/backend/tf.js';
import { SeededRandom, type SeededRandomState } from '../../core/random/seeded-random.js';
import { DatasetError, type Dataset, type DatasetState } from './dataset.js';

/**
 * Points drawn from an equal-weight mixture of isotropic Gaussians: the 2-D toy benchmarks on
 * which mode collapse is easy to see and to count.
 */
export class GaussianMixtureDataset implements Dataset {
  readonly sampleShape: readonly number[];
  readonly size = Infinity;
  readonly checkpointName = 'dataset';
  private readonly random: SeededRandom;

  /**
   * @param name - the name shown in logs.
   * @param means - one mean per mode, all of one dimension.
   * @param std - the standard deviation of every mode.
   * @param seed - seeds the draws.
   */
  constructor(
    readonly name: string,
    readonly means: readonly (readonly number[])[],
    readonly std: number,
    seed: number,
  ) {
    const dimension = means[0]?.length ?? 0;
    if (dimension === 0 || means.some((mean) => mean.length !== dimension)) {
      throw new DatasetError(`${name}: every mode mean needs the same, non-zero dimension`);
    }
    if (!(std > 0)) throw new DatasetError(`${name}: std must be positive, got ${std}`);
    this.sampleShape = [dimension];
    this.random = new SeededRandom(seed);
  }

  next(batchSize: number): tf.Tensor2D {
    const dimension = this.sampleShape[0]!;
    const values = new Float32Array(batchSize * dimension);
    for (let i = 0; i < batchSize; i++) {
      const mean = this.means[this.random.integer(this.means.length)]!;
      for (let d = 0; d < dimension; d++) {
        values[i * dimension + d] = mean[d]! + this.std * this.random.normal();
      }
    }
    return tf.tensor2d(values, [batchSize, dimension]);
  }

  stateDict(): DatasetState {
    return { random: this.random.getState() };
  }

  loadStateDict(state: DatasetState): void {
    this.random.setState((state as { random: SeededRandomState }).random);
  }
}

/**
 * The ring of 8 Gaussians as VEEGAN (Srivastava et al., 2017, §5.1) and PacGAN (Lin et al.,
 * 2018, §5.1) define it: means on the unit circle at angles 2πk/8, standard deviation 0.01.
 */
export function ring8(seed: number): GaussianMixtureDataset {
  const means = Array.from({ length: 8 }, (_, k) => [
    Math.cos((2 * Math.PI * k) / 8),
    Math.sin((2 * Math.PI * k) / 8),
  ]);
  return new GaussianMixtureDataset('ring8', means, 0.01, seed);
}

/**
 * The grid of 25 Gaussians as VEEGAN and PacGAN define it: means at {−4, −2, 0, 2, 4}²,
 * standard deviation 0.05.
 */
export function grid25(seed: number): GaussianMixtureDataset {
  const axis = [-4, -2, 0, 2, 4];
  const means = axis.flatMap((x) => axis.map((y) => [x, y]));
  return new GaussianMixtureDataset('grid25', means, 0.05, seed);
}
