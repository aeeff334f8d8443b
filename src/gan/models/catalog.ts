import { z } from 'zod';
import { defineCatalog } from '../../core/catalog/catalog.js';
import { catalogEntry } from '../../core/catalog/catalog-entry.js';
import { CatalogError } from '../../core/catalog/catalog-error.js';
import type { CatalogOption } from '../../core/catalog/catalog-option.js';
import { dcgan } from './dcgan.js';
import type { GanModels } from './gan-models.js';
import { mlpGan } from './mlp.js';

/** What a model factory takes from its caller rather than from the user's options. */
export interface ModelContext {
  /**
   * The shape of one data sample, which the generator must produce: an MLP's data size comes
   * from it, a DCGAN checks it. Default: 2-D points for an MLP, the DCGAN's own image shape.
   */
  readonly sampleShape?: readonly number[];
  /** Seeds every layer's initial weights (stream `init/<layer>`); without it they are unseeded. */
  readonly seed?: number;
}

const modelEntry = catalogEntry<ModelContext, GanModels>();

const count = z.int().min(1);

const counted = (help: string, fallback: number): CatalogOption<number> => ({
  schema: count,
  default: fallback,
  help,
  placeholder: 'N',
  allowed: 'an integer ≥ 1',
  reads: 'integer',
});

const noiseSize = (fallback: number) => counted("length of the generator's noise vector", fallback);

const imageSize: CatalogOption<28 | 64> = {
  schema: z.union([z.literal(28), z.literal(64)]),
  default: 28,
  help: 'side of the images a folder dataset is resized to (dcgan): 28 or 64',
  placeholder: 'PX',
  allowed: '28 or 64',
  reads: 'integer',
};

const channels: CatalogOption<1 | 3> = {
  schema: z.union([z.literal(1), z.literal(3)]),
  default: 1,
  help: 'channels of a folder dataset (dcgan): 1 (gray) or 3 (RGB)',
  placeholder: 'C',
  allowed: '1 or 3',
  reads: 'integer',
};

/**
 * The generator-and-critic families by the names `gantry train --model` and config files use.
 * Each factory checks that its generator can produce the data's samples.
 *
 * @example
 * ```ts
 * const { generator, critic } = modelCatalog.create('mlp', { width: 128 }, { sampleShape: [2], seed: 0 });
 * ```
 */
export const modelCatalog = defineCatalog<ModelContext, GanModels>()(
  { kind: 'model', plural: 'models' },
  [
    modelEntry({
      name: 'mlp',
      description: 'fully connected networks for vectors, e.g. the 2-D toys (WGAN-GP paper)',
      options: {
        noiseSize: noiseSize(2),
        width: counted('units per hidden layer (mlp)', 512),
        depth: counted('hidden layers per network (mlp)', 3),
      },
      create: (options, { sampleShape = [2], seed }) => {
        if (sampleShape.length !== 1) {
          throw shapeError('mlp', 'generates vectors', sampleShape, '; use dcgan for images');
        }
        return mlpGan({ ...options, dataSize: sampleShape[0], ...seeded(seed) });
      },
    }),
    modelEntry({
      name: 'dcgan',
      description: 'convolutional networks for 28×28 or 64×64 images (Radford et al. 2016)',
      options: {
        noiseSize: noiseSize(100),
        baseFilters: counted("filters of the critic's first convolution (dcgan)", 32),
        imageSize,
        channels,
      },
      create: (options, { sampleShape, seed }) => {
        const own = [options.imageSize, options.imageSize, options.channels];
        if (sampleShape !== undefined && !fitsDcgan(sampleShape)) {
          const what = 'generates 28×28 or 64×64 images with 1 or 3 channels';
          throw shapeError('dcgan', what, sampleShape);
        }
        if (sampleShape !== undefined && sampleShape.join() !== own.join()) {
          const what = `is set to generate [${own.join(', ')}] (imageSize, channels)`;
          throw shapeError('dcgan', what, sampleShape);
        }
        return dcgan({ ...options, ...seeded(seed) });
      },
    }),
  ],
);

/** A model family: one of `modelCatalog.names`. */
export type ModelName = (typeof modelCatalog.names)[number];

function fitsDcgan(shape: readonly number[]): boolean {
  const [height, width, channels] = shape;
  return (
    shape.length === 3 &&
    height === width &&
    (height === 28 || height === 64) &&
    (channels === 1 || channels === 3)
  );
}

function seeded(seed: number | undefined): { seed?: number } {
  return seed === undefined ? {} : { seed };
}

function shapeError(
  entry: string,
  what: string,
  shape: readonly number[],
  hint = '',
): CatalogError {
  const detail = `${what}, but the dataset's samples have shape [${shape.join(', ')}]${hint}`;
  return new CatalogError(`model ${entry} ${detail}`, { kind: 'model', entry }, detail);
}
