import type { GanModels } from '../../gan/models/gan-models.js';
import { modelCatalog } from '../../gan/models/catalog.js';
import type { ResolvedTrainConfig } from '../config/resolve-train-config.js';
import { fromCatalog } from './from-catalog.js';

/** The options of a run that decide its networks. */
export type ModelConfig = Pick<
  ResolvedTrainConfig,
  'model' | 'noiseSize' | 'width' | 'depth' | 'baseFilters' | 'imageSize' | 'channels' | 'seed'
>;

/**
 * Builds the generator and critic of a run's config through {@link modelCatalog}, sized for
 * the data: `mlp` for vectors `[D]`, `dcgan` for square images `[28|64, 28|64, 1|3]`.
 * `gantry sample` rebuilds the same networks from the run's `config.json`.
 *
 * @param config - the model family and its sizes.
 * @param sampleShape - the shape of one data sample (`dataset.sampleShape`).
 * @returns the two models, their noise size and sample shape.
 * @throws UsageError when the model cannot produce samples of that shape.
 */
export function createModels(config: ModelConfig, sampleShape: readonly number[]): GanModels {
  return fromCatalog(modelCatalog, config, { sampleShape, seed: config.seed });
}
