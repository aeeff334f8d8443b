import type { Logger } from '../../core/logger.js';
import { defineCatalog } from '../../core/catalog/catalog.js';
import { catalogEntry } from '../../core/catalog/catalog-entry.js';
import type { Dataset } from './dataset.js';
import { grid25, ring8 } from './gaussian-mixture.js';
import { idxImages } from './idx-file.js';
import { imageFolder, isFolder } from './image-folder.js';
import { mnist } from './mnist.js';

/** What a dataset factory takes from its caller. */
export interface DatasetContext {
  /** What the user named: the entry's name, or the path of a folder or an IDX file. */
  readonly source: string;
  /** Seeds the order (the CLI passes stream `data` of the run's seed). */
  readonly seed: number;
  readonly logger: Logger;
  /** For image folders: the model's image side (default 64) and channels (default 3). */
  readonly imageSize?: number;
  readonly channels?: 1 | 3;
}

const datasetEntry = catalogEntry<DatasetContext, Promise<Dataset>>();

/** The entry a path (anything that is not another entry's name) opens. */
export const PATH_DATASET = 'images';

/**
 * Every dataset by the name `gantry train --dataset` and the presets use. `images` stands for
 * any path: a folder of images or an MNIST IDX image file (see {@link datasetEntryFor}).
 *
 * @example
 * ```ts
 * const data = await datasetCatalog.create('grid25', {}, { source: 'grid25', seed: 0, logger });
 * ```
 */
export const datasetCatalog = defineCatalog<DatasetContext, Promise<Dataset>>()(
  { kind: 'dataset', plural: 'datasets' },
  [
    datasetEntry({
      name: 'ring8',
      description: '8 Gaussians on the unit circle, 2-D points (VEEGAN, PacGAN)',
      options: {},
      create: async (_, { seed }) => ring8(seed),
    }),
    datasetEntry({
      name: 'grid25',
      description: '25 Gaussians on a 5×5 grid, 2-D points (VEEGAN, PacGAN)',
      options: {},
      create: async (_, { seed }) => grid25(seed),
    }),
    datasetEntry({
      name: 'mnist',
      description: 'the 10,000 MNIST digits of the mnist package, 28×28×1',
      options: {},
      create: async (_, { seed }) => mnist(seed),
    }),
    datasetEntry({
      name: PATH_DATASET,
      description: 'a folder of images or an MNIST IDX image file, by its path',
      options: {},
      create: async (_, context) => {
        if (!(await isFolder(context.source))) return idxImages(context.source, context.seed);
        return imageFolder(context.source, {
          size: context.imageSize ?? 64,
          channels: context.channels ?? 3,
          seed: context.seed,
          logger: context.logger,
        });
      },
    }),
  ],
);

/** A dataset entry's name: one of `datasetCatalog.names`. */
export type DatasetName = (typeof datasetCatalog.names)[number];

/**
 * The entry a `--dataset` value opens: an entry's own name, else {@link PATH_DATASET}.
 *
 * @param source - a name or a path.
 * @returns the entry's name.
 */
export function datasetEntryFor(source: string): DatasetName {
  return datasetCatalog.has(source) ? source : PATH_DATASET;
}
