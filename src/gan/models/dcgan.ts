import * as tf from '../../core/backend/tf.js';
import { scoped, type GanModels } from './gan-models.js';
import { seededKernel } from './seeded-initializers.js';

/** Options of {@link dcgan}. */
export interface DcganOptions {
  /** Side of the square images: 28 (MNIST) or 64. Default 28. */
  imageSize?: 28 | 64;
  /** Image channels: 1 (grayscale) or 3 (RGB). Default 1. */
  channels?: 1 | 3;
  /** Noise vector length. Default 100. */
  noiseSize?: number;
  /** Filters of the critic's first convolution; later layers double it. Default 32. */
  baseFilters?: number;
  /** Batch normalisation in the generator (the DCGAN recipe). Default true. */
  generatorBatchNorm?: boolean;
  /**
   * Seeds every layer's initial weights (stream `init/<layer>` of this seed); without it tfjs
   * draws them unseeded and no two runs start alike.
   */
  seed?: number;
}

/**
 * The DCGAN architecture (Radford et al., 2016) sized for 28×28 or 64×64 images: the generator
 * projects noise to a small feature map and doubles its resolution with stride-2 transposed
 * convolutions (batch norm + ReLU, tanh output); the critic halves it with stride-2
 * convolutions (leaky ReLU 0.2) and ends in one linear unit. The critic has no batch norm,
 * which the gradient penalty of WGAN-GP requires (the penalty is per sample).
 *
 * 28×28: G dense→7×7×2f→deconv f→deconv c; D conv f→conv 2f→dense 1 (f = baseFilters).
 * 64×64: G dense→4×4×8f→deconv 4f→2f→f→c; D conv f→2f→4f→8f→dense 1.
 *
 * @param options - image size, channels and widths.
 * @returns the two models.
 */
export function dcgan(options: DcganOptions = {}): GanModels {
  const imageSize = options.imageSize ?? 28;
  const channels = options.channels ?? 1;
  const noiseSize = options.noiseSize ?? 100;
  const base = options.baseFilters ?? 32;
  const multipliers = imageSize === 28 ? [2, 1] : [8, 4, 2, 1];
  const start = imageSize / 2 ** multipliers.length;
  return {
    generator: generator(
      noiseSize,
      start,
      base,
      multipliers,
      channels,
      options.generatorBatchNorm ?? true,
      options.seed,
    ),
    critic: critic(imageSize, channels, base, multipliers.length, options.seed),
    noiseSize,
    sampleShape: [imageSize, imageSize, channels],
  };
}

function generator(
  noiseSize: number,
  start: number,
  base: number,
  multipliers: number[],
  channels: number,
  batchNorm: boolean,
  seed: number | undefined,
): tf.Sequential {
  const scope = 'generator';
  const model = tf.sequential({ name: scope });
  const firstFilters = base * multipliers[0]!;
  model.add(
    tf.layers.dense({
      units: start * start * firstFilters,
      inputShape: [noiseSize],
      useBias: !batchNorm,
      name: scoped(scope, 'dense'),
      ...seededKernel(seed, scoped(scope, 'dense')),
    }),
  );
  model.add(
    tf.layers.reshape({
      targetShape: [start, start, firstFilters],
      name: scoped(scope, 'reshape'),
    }),
  );
  let block = 0;
  const normalisedRelu = () => {
    if (batchNorm) {
      model.add(
        tf.layers.batchNormalization({ name: scoped(scope, 'batch_normalization', block) }),
      );
    }
    model.add(tf.layers.reLU({ name: scoped(scope, 're_lu', block) }));
    block++;
  };
  normalisedRelu();
  multipliers.slice(1).forEach((multiplier, i) => {
    model.add(
      tf.layers.conv2dTranspose({
        filters: base * multiplier,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        useBias: !batchNorm,
        name: scoped(scope, 'conv2d_transpose', i),
        ...seededKernel(seed, scoped(scope, 'conv2d_transpose', i)),
      }),
    );
    normalisedRelu();
  });
  model.add(
    tf.layers.conv2dTranspose({
      filters: channels,
      kernelSize: 5,
      strides: 2,
      padding: 'same',
      activation: 'tanh',
      name: scoped(scope, 'conv2d_transpose', multipliers.length - 1),
      ...seededKernel(seed, scoped(scope, 'conv2d_transpose', multipliers.length - 1)),
    }),
  );
  return model;
}

function critic(
  imageSize: number,
  channels: number,
  base: number,
  depth: number,
  seed: number | undefined,
): tf.Sequential {
  const scope = 'critic';
  const model = tf.sequential({ name: scope });
  for (let i = 0; i < depth; i++) {
    model.add(
      tf.layers.conv2d({
        filters: base * 2 ** i,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        name: scoped(scope, 'conv2d', i),
        ...seededKernel(seed, scoped(scope, 'conv2d', i)),
        ...(i === 0 ? { inputShape: [imageSize, imageSize, channels] } : {}),
      }),
    );
    model.add(tf.layers.leakyReLU({ alpha: 0.2, name: scoped(scope, 'leaky_re_lu', i) }));
  }
  model.add(tf.layers.flatten({ name: scoped(scope, 'flatten') }));
  model.add(
    tf.layers.dense({
      units: 1,
      name: scoped(scope, 'dense'),
      ...seededKernel(seed, scoped(scope, 'dense')),
    }),
  );
  return model;
}
