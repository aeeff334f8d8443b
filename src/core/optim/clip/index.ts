export { ClipError } from './clip-error.js';
export { clipByAverageNorm } from './clip-by-average-norm.js';
export { clipByGlobalNorm, type GlobalNormClip } from './clip-by-global-norm.js';
export { clipByNorm } from './clip-by-norm.js';
export { clipByValue, type ClipBound } from './clip-by-value.js';
export { globalNorm, type TensorList } from './global-norm.js';
export type { ClippedGradsAndVars, GradAndVarEntry, GradsAndVarsList } from './grads-and-vars.js';
