import * as tf from '../../core/backend/tf.js';
import { scoped, type GanModels } from './gan-models.js';
import { seededKernel } from './seeded-initializers.js';

/** Options of {@link mlpGan}; defaults suit the 2-D Gaussian-mixture toys. */
export interface MlpGanOptions {
  /** Dimension of a data point. Default 2. */
  dataSize?: number;
  /** Noise vector length. Default 2. */
  noiseSize?: number;
  /** Units of each hidden layer. Default 512. */
  width?: number;
  /** Number of hidden layers in each network. Default 3. */
  depth?: number;
  /**
   * Seeds every layer's initial weights (stream `init/<layer>` of this seed); without it tfjs
   * draws them unseeded and no two runs start alike.
   */
  seed?: number;
}

/**
 * A fully connected generator and critic (ReLU hidden layers, linear outputs), the model of the
 * WGAN-GP paper's toy experiments (Gulrajani et al., 2017: 3 hidden layers of 512).
 *
 * @param options - sizes.
 * @returns the two models.
 */
export function mlpGan(options: MlpGanOptions = {}): GanModels {
  const dataSize = options.dataSize ?? 2;
  const noiseSize = options.noiseSize ?? 2;
  const width = options.width ?? 512;
  const depth = options.depth ?? 3;
  return {
    generator: mlp('generator', noiseSize, width, depth, dataSize, options.seed),
    critic: mlp('critic', dataSize, width, depth, 1, options.seed),
    noiseSize,
    sampleShape: [dataSize],
  };
}

function mlp(
  scope: string,
  inputSize: number,
  width: number,
  depth: number,
  outputSize: number,
  seed: number | undefined,
) {
  const model = tf.sequential({ name: scope });
  for (let i = 0; i < depth; i++) {
    const name = scoped(scope, 'dense', i);
    model.add(
      tf.layers.dense({
        units: width,
        activation: 'relu',
        name,
        ...seededKernel(seed, name),
        ...(i === 0 ? { inputShape: [inputSize] } : {}),
      }),
    );
  }
  const output = scoped(scope, 'dense', depth);
  model.add(tf.layers.dense({ units: outputSize, name: output, ...seededKernel(seed, output) }));
  return model;
}
