// Public API of src/hooks; re-exported from src/index.ts.
export { StopAtStepHook, type StopAtStepOptions } from './stop-at-step.js';
export { StepCounterHook, type StepCounterOptions } from './step-counter.js';
export { LoggingHook, type LoggingOptions } from './logging.js';
export { NanGuardHook, type NanGuardOptions } from './nan-guard.js';
export {
  LearningRateScheduleHook,
  type LearningRateScheduleOptions,
} from './learning-rate-schedule.js';
export { SummarySaverHook, type SummarySaverOptions } from './summary-saver.js';
export { ImageGridHook, type ImageGridHookOptions } from './image-grid.js';
export { ProgressBarHook, type ProgressBarOptions, type ProgressStream } from './progress-bar.js';
export { CheckpointSaverHook, type CheckpointSaverOptions } from './checkpoint-saver.js';
export { MetricEvaluationHook, type MetricEvaluationOptions } from './metric-evaluation.js';
