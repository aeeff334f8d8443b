import * as tf from '../../core/backend/tf.js';
import type { GanLoss } from './gan-loss.js';

/**
 * The hinge GAN loss (Lim & Ye 2017; SAGAN, BigGAN): the critic minimises
 * `mean(relu(1 − D(real))) + mean(relu(1 + D(fake)))`, the generator `−mean(D(fake))`.
 *
 * @returns the loss.
 */
export function hinge(): GanLoss {
  return {
    name: 'hinge',
    criticLoss: ({ realScores, fakeScores }) => {
      const onReal = tf.mean(tf.relu(tf.sub(1, realScores)));
      const onFake = tf.mean(tf.relu(tf.add(1, fakeScores)));
      return {
        loss: tf.add(onReal, onFake),
        metrics: { loss_on_real: onReal, loss_on_fake: onFake },
      };
    },
    generatorLoss: (fakeScores) => ({ loss: tf.neg(tf.mean(fakeScores)), metrics: {} }),
  };
}
