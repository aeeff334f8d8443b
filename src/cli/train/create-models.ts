import { dcgan } from '../../gan/models/dcgan.js';
import type { GanModels } from '../../gan/models/gan-models.js';
import { mlpGan } from '../../gan/models/mlp.js';
import type { ResolvedTrainConfig } from '../config/resolve-train-config.js';
import { UsageError } from '../usage-error.js';

/** The options of a run that decide its networks. */
export type ModelConfig = Pick<
  ResolvedTrainConfig,
  'model' | 'noiseSize' | 'width' | 'depth' | 'baseFilters' | 'seed'
>;

/**
 * Builds the generator and critic of a run's config, sized for the data: `mlp` for vectors
 * `[D]`, `dcgan` for square images `[28|64, 28|64, 1|3]`. `gantry sample` rebuilds the same
 * networks from the run's `config.json`.
 *
 * @param config - the model family and its sizes.
 * @param sampleShape - the shape of one data sample (`dataset.sampleShape`).
 * @returns the two models, their noise size and sample shape.
 * @throws UsageError when the model cannot produce samples of that shape.
 */
export function createModels(config: ModelConfig, sampleShape: readonly number[]): GanModels {
  const { noiseSize } = config;
  if (config.model === 'mlp') {
    if (sampleShape.length !== 1) {
      throw new UsageError(
        `--model mlp generates vectors, but the dataset's samples have shape ` +
          `[${sampleShape.join(', ')}]; use --model dcgan for images`,
      );
    }
    return mlpGan({
      dataSize: sampleShape[0],
      noiseSize,
      width: config.width,
      depth: config.depth,
      seed: config.seed,
    });
  }
  const [height, width, channels] = sampleShape;
  const square = sampleShape.length === 3 && height === width;
  if (!square || (height !== 28 && height !== 64) || (channels !== 1 && channels !== 3)) {
    throw new UsageError(
      `--model dcgan generates 28×28 or 64×64 images with 1 or 3 channels, but the dataset's ` +
        `samples have shape [${sampleShape.join(', ')}]`,
    );
  }
  return dcgan({
    imageSize: height,
    channels,
    noiseSize,
    baseFilters: config.baseFilters,
    seed: config.seed,
  });
}
