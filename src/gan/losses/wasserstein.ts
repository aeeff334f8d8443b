import * as tf from '../../core/backend/tf.js';
import type { GanLoss, LossTerms } from './gan-loss.js';

/**
 * Wasserstein GAN losses (Arjovsky et al. 2017), as TF-GAN's `wasserstein_*_loss`: the
 * critic minimises `mean(D(fake)) − mean(D(real))`, the generator `−mean(D(fake))`. Pair it
 * with weight clipping (`weightClip`) or use {@link wassersteinGradientPenalty}. The metric
 * `wasserstein` is the critic's estimate of the distance, `mean(D(real)) − mean(D(fake))`.
 *
 * @example
 * ```ts
 * createTrainer({ ...config, loss: wasserstein() });
 * ```
 * @returns the loss.
 */
export function wasserstein(): GanLoss {
  return {
    name: 'wasserstein',
    criticLoss: ({ realScores, fakeScores }) => wassersteinCriticTerms(realScores, fakeScores),
    generatorLoss: (fakeScores) => ({ loss: tf.neg(tf.mean(fakeScores)), metrics: {} }),
  };
}

/**
 * The Wasserstein critic loss and its distance estimate.
 *
 * @param realScores - the critic's outputs on real data.
 * @param fakeScores - the critic's outputs on generated data.
 * @returns `{ loss, metrics: { wasserstein } }`.
 */
export function wassersteinCriticTerms(realScores: tf.Tensor, fakeScores: tf.Tensor): LossTerms {
  const estimate = tf.sub(tf.mean(realScores), tf.mean(fakeScores));
  return { loss: tf.neg(estimate), metrics: { wasserstein: estimate } };
}
