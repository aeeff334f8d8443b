// Public API of src/core/optim; re-exported from src/index.ts.
export {};
export { GlobalStep } from './global-step.js';
export { OptimizerError } from './optimizer-error.js';
export type { LearningRate } from './optimizer-args.js';
export {
  computeGradients,
  stopGradient,
  type ComputeGradientsOptions,
  type GateGradients,
  type GradAndVar,
  type GradientsAndLoss,
  type LossFn,
} from './gradients.js';
export {
  Optimizer,
  type AppliedStep,
  type ApplyGradientsOptions,
  type MinimizeOptions,
  type NonSlotSpec,
  type OptimizerOptions,
  type SlotReader,
  type SlotSpec,
} from './optimizer.js';
export {
  GradientDescentOptimizer,
  type GradientDescentOptions,
} from './optimizers/gradient-descent.js';
export { MomentumOptimizer, type MomentumOptions } from './optimizers/momentum.js';
export { AdagradOptimizer, type AdagradOptions } from './optimizers/adagrad.js';
export { AdadeltaOptimizer, type AdadeltaOptions } from './optimizers/adadelta.js';
export { AdamOptimizer, type AdamOptions } from './optimizers/adam.js';
export { RMSPropOptimizer, type RMSPropOptions } from './optimizers/rmsprop.js';
export { FtrlOptimizer, type FtrlOptions } from './optimizers/ftrl.js';
export {
  schedules,
  reduceOnPlateau,
  ScheduleError,
  type ReduceOnPlateau,
  type ReduceOnPlateauOptions,
  type ReduceOnPlateauState,
  type Schedule,
  type CosineDecayOptions,
  type CosineDecayRestartsOptions,
  type ExponentialDecayOptions,
  type InverseTimeDecayOptions,
  type LinearCosineDecayOptions,
  type NaturalExpDecayOptions,
  type NoisyLinearCosineDecayOptions,
  type PiecewiseConstantOptions,
  type PolynomialDecayOptions,
} from './schedules/index.js';
export {
  ClipError,
  clipByAverageNorm,
  clipByGlobalNorm,
  clipByNorm,
  clipByValue,
  globalNorm,
  type ClipBound,
  type GlobalNormClip,
  type TensorList,
} from './clip/index.js';
export {
  ExponentialMovingAverage,
  MovingAverageError,
  type Averageable,
  type ExponentialMovingAverageOptions,
  type NamedTensor,
  type StepSource,
} from './moving-average/index.js';
export {
  optimizerCatalog,
  type OptimizerContext,
  type OptimizerEntryFields,
  type OptimizerName,
} from './catalog.js';
