export { FeatureMatrixError, MetricError, MetricOptionError } from './errors.js';
export { featureMatrix, type FeatureMatrix } from './feature-matrix.js';
export { featureStatistics, type FeatureStatistics } from './feature-statistics.js';
export {
  frechetDistance,
  frechetDistanceFromStatistics,
  type FrechetDistanceOptions,
} from './frechet-distance.js';
export {
  kernelInceptionDistance,
  polynomialMmd2,
  type KernelInceptionDistanceOptions,
  type KernelInceptionDistanceResult,
} from './kernel-inception-distance.js';
export {
  precisionRecall,
  type PrecisionRecall,
  type PrecisionRecallOptions,
} from './precision-recall.js';
export {
  densityCoverage,
  type DensityCoverage,
  type DensityCoverageOptions,
} from './density-coverage.js';
export { classCoverage, type ClassCoverage } from './class-coverage.js';
export { FeatureExtractorError, SampleShapeError } from './errors.js';
export type { ExtractedBatch, FeatureExtractor } from './extractors/feature-extractor.js';
export {
  extractFeatures,
  extractFeatureTensors,
  readExtracted,
  type ExtractedFeatures,
  type SampleSource,
} from './extractors/extract-features.js';
export {
  graphModelExtractor,
  layersModelExtractor,
  type GraphModelExtractorOptions,
  type LayersModelExtractorOptions,
  type ModelExtractorOptions,
} from './extractors/model-extractor.js';
export { imagePreprocessing, type ImagePreprocessingOptions } from './extractors/preprocessing.js';
export {
  DIGIT_CLASSIFIER_DIRECTORY,
  loadDigitClassifier,
  type DigitClassifier,
  type DigitClassifierMetadata,
} from './extractors/digit-classifier.js';
