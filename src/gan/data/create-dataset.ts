import type { Logger } from '../../core/logger.js';
import { datasetCatalog, datasetEntryFor } from './catalog.js';
import type { Dataset } from './dataset.js';

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
 * folder of images, or an MNIST IDX image file (through {@link datasetCatalog}).
 *
 * @param spec - the name or path.
 * @param options - seed, logger and, for folders, the image size.
 * @returns the dataset.
 */
export async function createDataset(spec: string, options: CreateDatasetOptions): Promise<Dataset> {
  return datasetCatalog.create(datasetEntryFor(spec), {}, { ...options, source: spec });
}
