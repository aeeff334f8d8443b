import type { Logger } from '../../core/logger.js';
import type { Dataset } from './dataset.js';
import { grid25, ring8 } from './gaussian-mixture.js';
import { idxImages } from './idx-file.js';
import { imageFolder, isFolder } from './image-folder.js';
import { mnist } from './mnist.js';

/** Options of {@link createDataset}. */
export interface CreateDatasetOptions {
  seed: number;
  logger: Logger;
  /** For image folders: the model's image side and channels. */
  imageSize?: number;
  channels?: 1 | 3;
}

/**
 * Opens a dataset by the name the CLI's `--dataset` takes: `ring8`, `grid25`, `mnist`, a
 * folder of images, or an MNIST IDX image file.
 *
 * @param spec - the name or path.
 * @param options - seed, logger and, for folders, the image size.
 * @returns the dataset.
 */
export async function createDataset(spec: string, options: CreateDatasetOptions): Promise<Dataset> {
  switch (spec) {
    case 'ring8':
      return ring8(options.seed);
    case 'grid25':
      return grid25(options.seed);
    case 'mnist':
      return mnist(options.seed);
    default:
      if (await isFolder(spec)) {
        return imageFolder(spec, {
          size: options.imageSize ?? 64,
          channels: options.channels ?? 3,
          seed: options.seed,
          logger: options.logger,
        });
      }
      return idxImages(spec, options.seed);
  }
}
