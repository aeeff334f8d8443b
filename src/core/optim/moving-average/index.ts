export {
  ExponentialMovingAverage,
  type ExponentialMovingAverageOptions,
} from './exponential-moving-average.js';
export { MovingAverageError } from './moving-average-error.js';
export type { Averageable, NamedTensor } from './shadow.js';
export type { StepSource } from './step-source.js';
