// Public API of src/gan/presets; re-exported from src/gan/index.ts.
export {
  PRESET_DATASETS,
  PRESET_LOSSES,
  PRESET_MODELS,
  modelPresetSchema,
  optimizerPresetSchema,
  trainingPresetSchema,
  type ModelPreset,
  type OptimizerPreset,
  type PresetDataset,
  type PresetLoss,
  type PresetModel,
  type TrainingPreset,
} from './training-preset.js';
export { PresetError, presetDatasetKind, presetFor, type PresetQuery } from './preset-for.js';
export {
  linearDecayToZero,
  presetLoss,
  presetModels,
  presetOptimizers,
  presetSettings,
} from './build-preset.js';
