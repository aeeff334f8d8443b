// Public API of src/gan; re-exported from src/index.ts.
export * from './losses/index.js';
export { fromFunction, fromLayersModel, toGanModel, type GanModel } from './gan-model.js';
export { GaussianNoiseSampler, type NoiseSampler } from './noise-sampler.js';
export * from './data/index.js';
export * from './models/index.js';
export * from './presets/index.js';
export * from './hooks-runtime/index.js';
export { optimizerPair, type OptimizerChoice } from './optimizer-pair.js';
export {
  ConfigError,
  parseTrainerSettings,
  trainerSettingsSchema,
  type TrainerSettings,
  type TrainerSettingsInput,
} from './trainer-settings.js';
export type { GeneratorAverager } from './generator-averager.js';
export { GanTrainer, type TrainingResult } from './gan-trainer.js';
export {
  createTrainer,
  createTrainerContainer,
  type CreateTrainerOptions,
} from './create-trainer.js';
export type { TrainerConfig } from './trainer-config.js';
export {
  SummaryWriterProvider,
  type SummaryWriterFactory,
  type SummaryWriterProviderOptions,
} from './summary-writer-provider.js';
export { installSignalHandlers, type SignalSource, type SignalTarget } from './signals.js';
export * from './replicas/index.js';
export * from './run-state/index.js';
export * from './export/index.js';
export * from './metrics/index.js';
export * from './evaluation/index.js';
export * from './compiled/index.js';
