import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  hinge,
  initBackend,
  leastSquares,
  minimax,
  nonSaturating,
  silentLogger,
  tf,
  wasserstein,
  wassersteinGradientPenalty,
  type GanLoss,
} from '../../src/index.js';

// Inputs and expected values from TF-GAN's losses_impl_test.py (tensorflow/gan,
// tensorflow_gan/python/losses/losses_impl_test.py, _LossesTest.init_constants and the
// per-loss _expected_g_loss / _expected_d_loss), default weights and label smoothing.
const REAL = [-5.0, 1.4, 12.5, 2.7];
const FAKE = [10.0, 4.4, -5.5, 3.6];

function losses(loss: GanLoss): { critic: number; generator: number; metrics: string[] } {
  return tf.tidy(() => {
    const realScores = tf.tensor1d(REAL);
    const fakeScores = tf.tensor1d(FAKE);
    const terms = loss.criticLoss({
      realScores,
      fakeScores,
      real: realScores,
      fake: fakeScores,
      seed: 0,
      critic: (x) => x,
    });
    return {
      critic: terms.loss.dataSync()[0] ?? NaN,
      generator: loss.generatorLoss(fakeScores).loss.dataSync()[0] ?? NaN,
      metrics: Object.keys(terms.metrics).sort(),
    };
  });
}

function near(actual: number, expected: number, tolerance = 1e-4): void {
  assert.ok(
    Math.abs(actual - expected) < tolerance,
    `${actual} is not within ${tolerance} of ${expected}`,
  );
}

describe('GAN losses', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('wasserstein matches TF-GAN (g −3.125, d 0.225) and reports the distance estimate', () => {
    const { critic, generator, metrics } = losses(wasserstein());
    near(generator, -3.125);
    near(critic, 0.225);
    assert.deepEqual(metrics, ['wasserstein']);
  });

  it('leastSquares matches TF-GAN (g 17.69625, d 41.73375)', () => {
    const { critic, generator } = losses(leastSquares());
    near(generator, 17.69625);
    near(critic, 41.73375);
  });

  it('nonSaturating matches TF-GAN modified loss (g 1.38582, d 6.19637 with smoothing 0.25)', () => {
    const { critic, generator } = losses(nonSaturating());
    near(generator, 1.38582);
    near(critic, 6.19637);
  });

  it('minimax matches TF-GAN (d 6.19637; g −4.82408 less TF-GAN’s constant softplus(−1))', () => {
    const { critic, generator } = losses(minimax());
    near(critic, 6.19637);
    near(generator, -4.82408 + Math.log1p(Math.exp(-1)));
  });

  it('hinge gives mean(relu(1 − real)) + mean(relu(1 + fake)) and −mean(fake)', () => {
    const { critic, generator } = losses(hinge());
    near(critic, (6 + 0 + 0 + 0) / 4 + (11 + 5.4 + 0 + 4.6) / 4);
    near(generator, -3.125);
  });

  it('gradient penalty is λ(‖∇D‖ − 1)² and its second derivative reaches the weights', () => {
    // D(x) = x·w has ∇D = w everywhere, so the penalty is (‖w‖ − 1)² = (5 − 1)² = 16 for any
    // interpolate, and d/dw of λ(‖w‖ − 1)² is 2λ(‖w‖ − 1)·w/‖w‖.
    const w = tf.variable(tf.tensor2d([[3], [4]]), true, 'gp_test/w');
    const real = tf.tensor2d([
      [1, 2],
      [0, -1],
      [2, 2],
    ]);
    const fake = tf.tensor2d([
      [0, 1],
      [3, 1],
      [-1, 0],
    ]);
    const loss = wassersteinGradientPenalty({ weight: 10, seed: 1 });
    let penalty = NaN;
    const { value, grads } = tf.variableGrads(() => {
      const critic = (x: tf.Tensor): tf.Tensor => tf.matMul(x, w);
      const terms = loss.criticLoss({
        realScores: critic(real),
        fakeScores: critic(fake),
        real,
        fake,
        seed: 0,
        critic,
      });
      penalty = terms.metrics['gradient_penalty']?.dataSync()[0] ?? NaN;
      return terms.loss as tf.Scalar;
    }, [w]);
    near(penalty, 16);
    // The Wasserstein part, mean(D(fake)) − mean(D(real)), has gradient mean(fake) − mean(real).
    const meanDiff = [(0 + 3 - 1) / 3 - (1 + 0 + 2) / 3, (1 + 1 + 0) / 3 - (2 - 1 + 2) / 3];
    near(value.dataSync()[0] ?? NaN, (meanDiff[0] ?? 0) * 3 + (meanDiff[1] ?? 0) * 4 + 160);
    const gradient = Array.from(grads['gp_test/w']?.dataSync() ?? []);
    near(gradient[0] ?? NaN, (meanDiff[0] ?? 0) + 48);
    near(gradient[1] ?? NaN, (meanDiff[1] ?? 0) + 64);
    tf.dispose([w, real, fake, value, ...Object.values(grads)]);
  });
});
