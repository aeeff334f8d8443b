import type { Logger } from '../../core/logger.js';
import type { Dataset } from '../data/dataset.js';
import { GaussianMixtureDataset } from '../data/gaussian-mixture.js';
import { ShuffledSampleDataset } from '../data/shuffled-samples.js';
import { loadDigitClassifier } from '../metrics/extractors/digit-classifier.js';
import type { FeatureExtractor } from '../metrics/extractors/feature-extractor.js';
import { NoExtractorError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { imageEvaluator, type ImageEvaluatorOptions } from './image-evaluator.js';
import { mixtureEvaluator } from './mixture-evaluator.js';
import type { ReferenceSet } from './reference-file.js';
import { referenceSet } from './reference-set.js';

/** Options of {@link evaluatorFor}. */
export interface EvaluatorForOptions {
  /**
   * The extractor for image data; default the shipped digit classifier for 28×28 gray images.
   * The evaluator disposes it.
   */
  extractor?: FeatureExtractor;
  /** How much of each image metric to compute. */
  image?: ImageEvaluatorOptions;
  /** The reference sets' cache root; default `GANTRY_CACHE`, else `./.cache/gantry`. */
  cacheDirectory?: string;
  /** Told when a reference set is computed or read. */
  logger?: Logger;
}

/**
 * The evaluation protocol of a dataset: ring8 and grid25 by their modes (`mixtureEvaluator`);
 * MNIST and other 28×28 gray image data by the shipped digit classifier's features and classes
 * (`imageEvaluator`, against the dataset's reference set, read from the cache or computed when
 * the first samples are scored); any image data with an extractor of your own. Nothing is
 * downloaded.
 *
 * @example
 * ```ts
 * const evaluator = await evaluatorFor(mnist(0));
 * ```
 *
 * @param dataset - the real data.
 * @param options - the extractor, metric sizes, cache and logger.
 * @returns the evaluator; dispose it when done.
 * @throws NoExtractorError for data nothing here can score (64×64 colour images without an
 *   extractor of your own).
 */
export async function evaluatorFor(
  dataset: Dataset,
  options: EvaluatorForOptions = {},
): Promise<Evaluator> {
  if (dataset instanceof GaussianMixtureDataset) return mixtureEvaluator(dataset);
  const shape = dataset.sampleShape;
  const digits = shape.length === 3 && shape[0] === 28 && shape[1] === 28 && shape[2] === 1;
  if (!(dataset instanceof ShuffledSampleDataset) || (options.extractor === undefined && !digits)) {
    throw new NoExtractorError(
      `dataset ${dataset.name} (samples [${shape.join(', ')}]) has no feature extractor: gantry ` +
        'ships one for 28×28 gray digits (mnist) and scores ring8 and grid25 by their modes; ' +
        'give an extractor of your own (layersModelExtractor) to score this data',
    );
  }
  const extractor = options.extractor ?? (await loadDigitClassifier());
  const { table } = dataset;
  const reference = (): Promise<ReferenceSet> =>
    referenceSet({
      dataset: dataset.name,
      table,
      extractor,
      ...(options.cacheDirectory === undefined ? {} : { cacheDirectory: options.cacheDirectory }),
      ...(options.logger === undefined ? {} : { logger: options.logger }),
    });
  try {
    return imageEvaluator(extractor, reference, options.image);
  } catch (error) {
    extractor.dispose();
    throw error;
  }
}
