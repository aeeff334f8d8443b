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
