import { wassersteinGradientPenalty } from '../../gan/losses/gradient-penalty.js';
import type { GanLoss } from '../../gan/losses/gan-loss.js';
import { hinge } from '../../gan/losses/hinge.js';
import { leastSquares } from '../../gan/losses/least-squares.js';
import { nonSaturating } from '../../gan/losses/cross-entropy.js';
import { wasserstein } from '../../gan/losses/wasserstein.js';
import type { LOSS_NAMES } from '../config/train-options.js';

/**
 * The loss a `--loss` name stands for. `wgan` is the plain Wasserstein loss: its Lipschitz
 * constraint is the critic's weight clipping (`weightClip`), which the trainer applies.
 *
 * @param name - the `--loss` name.
 * @param options - λ of the gradient penalty (whose interpolation draws take the trainer's
 *   per-update seed, derived from the run's).
 * @returns the loss.
 */
export function createLoss(
  name: (typeof LOSS_NAMES)[number],
  options: { gpWeight: number },
): GanLoss {
  switch (name) {
    case 'wgan':
      return wasserstein();
    case 'wgan-gp':
      return wassersteinGradientPenalty({ weight: options.gpWeight });
    case 'ns':
      return nonSaturating();
    case 'hinge':
      return hinge();
    case 'lsgan':
      return leastSquares();
  }
}
