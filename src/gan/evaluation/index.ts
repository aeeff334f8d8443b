export { NoExtractorError, SampleCountError } from './errors.js';
export {
  evaluate,
  type Evaluator,
  type MetricGoal,
  type MetricMode,
  type MetricValues,
  type PendingScore,
} from './evaluator.js';
export { evaluatorFor, type EvaluatorForOptions } from './evaluator-for.js';
export { generatorSamples, type GeneratorSamplesOptions } from './generator-samples.js';
export { imageEvaluator, type ImageEvaluatorOptions } from './image-evaluator.js';
export {
  metricCatalog,
  reportedMetrics,
  type MetricEntryExtra,
  type MetricEntryName,
  type MetricInputs,
} from './metric-catalog.js';
export { mixtureEvaluator } from './mixture-evaluator.js';
export type { ReferenceSet } from './reference-file.js';
export { defaultCacheDirectory, referenceSet, type ReferenceSetOptions } from './reference-set.js';
