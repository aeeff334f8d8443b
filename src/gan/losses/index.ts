export type { BatchShard, CriticLossInputs, GanLoss, LossTerms } from './gan-loss.js';
export { wasserstein } from './wasserstein.js';
export { wassersteinGradientPenalty, type GradientPenaltyOptions } from './gradient-penalty.js';
export { nonSaturating, minimax, type CrossEntropyOptions } from './cross-entropy.js';
export { hinge } from './hinge.js';
export { leastSquares } from './least-squares.js';
export { lossCatalog, type LossContext, type LossName } from './catalog.js';
