import * as tf from '../../core/backend/tf.js';
import type { GanLoss } from './gan-loss.js';

/**
 * The least-squares GAN loss (Mao et al. 2017), as TF-GAN's `least_squares_*_loss` with its
 * default labels (real 1, fake 0): the critic minimises
 * `½·mean((D(real) − 1)²) + ½·mean(D(fake)²)`, the generator `½·mean((D(fake) − 1)²)`.
 *
 * @returns the loss.
 */
export function leastSquares(): GanLoss {
  const halfMeanSquare = (x: tf.Tensor): tf.Tensor => tf.mul(tf.mean(tf.square(x)), 0.5);
  return {
    name: 'leastSquares',
    criticLoss: ({ realScores, fakeScores }) => {
      const onReal = halfMeanSquare(tf.sub(realScores, 1));
      const onFake = halfMeanSquare(fakeScores);
      return {
        loss: tf.add(onReal, onFake),
        metrics: { loss_on_real: onReal, loss_on_fake: onFake },
      };
    },
    generatorLoss: (fakeScores) => ({ loss: halfMeanSquare(tf.sub(fakeScores, 1)), metrics: {} }),
  };
}
