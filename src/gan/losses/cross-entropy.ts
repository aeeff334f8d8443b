import * as tf from '../../core/backend/tf.js';
import type { GanLoss, LossTerms } from './gan-loss.js';

/** Options of the cross-entropy GAN losses. */
export interface CrossEntropyOptions {
  /**
   * One-sided label smoothing of the critic's real targets: `1 → 1 − s/2`. Default 0.25,
   * TF-GAN's default for `minimax_discriminator_loss`.
   */
  labelSmoothing?: number;
}

/**
 * The original GAN critic loss: sigmoid cross-entropy of real scores against (smoothed) ones
 * and of fake scores against zeros, each averaged over the batch.
 *
 * @param realScores - logits on real data.
 * @param fakeScores - logits on generated data.
 * @param labelSmoothing - see {@link CrossEntropyOptions}.
 * @returns the critic's terms.
 */
function crossEntropyCriticTerms(
  realScores: tf.Tensor,
  fakeScores: tf.Tensor,
  labelSmoothing: number,
): LossTerms {
  const realTarget = 1 - labelSmoothing / 2;
  // softplus(x) − z·x is sigmoid cross-entropy with target z, stable for any logit.
  const onReal = tf.mean(tf.sub(tf.softplus(realScores), tf.mul(realScores, realTarget)));
  const onFake = tf.mean(tf.softplus(fakeScores));
  return {
    loss: tf.add(onReal, onFake),
    metrics: { loss_on_real: onReal, loss_on_fake: onFake },
  };
}

/**
 * The non-saturating GAN loss (Goodfellow et al. 2014, TF-GAN's `modified_*_loss`): the
 * critic is a logistic classifier, the generator minimises `mean(softplus(−D(fake)))`,
 * i.e. maximises `log D(G(z))`, which keeps its gradient alive early in training.
 *
 * @param options - label smoothing for the critic.
 * @returns the loss.
 */
export function nonSaturating(options: CrossEntropyOptions = {}): GanLoss {
  const smoothing = options.labelSmoothing ?? 0.25;
  return {
    name: 'nonSaturating',
    criticLoss: ({ realScores, fakeScores }) =>
      crossEntropyCriticTerms(realScores, fakeScores, smoothing),
    generatorLoss: (fakeScores) => ({
      loss: tf.mean(tf.softplus(tf.neg(fakeScores))),
      metrics: {},
    }),
  };
}

/**
 * The minimax GAN loss (Goodfellow et al. 2014, TF-GAN's `minimax_*_loss`): the generator
 * minimises `mean(log(1 − D(G(z)))) = −mean(softplus(D(fake)))`. TF-GAN's generator value
 * carries an extra constant `softplus(−1)` (it scores a logit of one as "real"); gantry
 * leaves it out, which changes no gradient.
 *
 * @param options - label smoothing for the critic.
 * @returns the loss.
 */
export function minimax(options: CrossEntropyOptions = {}): GanLoss {
  const smoothing = options.labelSmoothing ?? 0.25;
  return {
    name: 'minimax',
    criticLoss: ({ realScores, fakeScores }) =>
      crossEntropyCriticTerms(realScores, fakeScores, smoothing),
    generatorLoss: (fakeScores) => ({
      loss: tf.neg(tf.mean(tf.softplus(fakeScores))),
      metrics: {},
    }),
  };
}
