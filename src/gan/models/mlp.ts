import * as tf from '../../core/backend/tf.js';
import { scoped, type GanModels } from './gan-models.js';

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
    generator: mlp('generator', noiseSize, width, depth, dataSize),
    critic: mlp('critic', dataSize, width, depth, 1),
    noiseSize,
    sampleShape: [dataSize],
  };
}

function mlp(scope: string, inputSize: number, width: number, depth: number, outputSize: number) {
  const model = tf.sequential({ name: scope });
  for (let i = 0; i < depth; i++) {
    model.add(
      tf.layers.dense({
        units: width,
        activation: 'relu',
        name: scoped(scope, 'dense', i),
        ...(i === 0 ? { inputShape: [inputSize] } : {}),
      }),
    );
  }
  model.add(tf.layers.dense({ units: outputSize, name: scoped(scope, 'dense', depth) }));
  return model;
}
