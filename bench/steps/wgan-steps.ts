/**
 * One WGAN training step each, written by hand with tfjs ops and gantry's optimizer (no trainer):
 * the reference a framework's per-iteration cost is compared with, and the tfjs side of the
 * comparison with PyTorch and TensorFlow (bench/python/*_peer.py do the same math).
 */
import * as tf from '../../src/core/backend/tf.js';
import type { GanModels } from '../../src/gan/models/index.js';
import { sampleNoise, type WganSession } from './wgan-session.js';

/** The weight-clipping bound of the WGAN paper. */
export const WGAN_CLIP = 0.01;
/** The gradient-penalty weight λ of the WGAN-GP paper. */
export const GP_WEIGHT = 10;

/** A step a bench script times or profiles: its networks, its batch and one of these steps. */
export interface WganStepSpec {
  name: string;
  models: () => GanModels;
  batch: number;
  step: (session: WganSession) => number;
}

/**
 * One critic step of the original WGAN: loss mean D(G(z)) − mean D(x), RMSProp on the critic's
 * variables, then every critic weight clipped to ±{@link WGAN_CLIP}.
 *
 * @param session - models, real batch and optimizers.
 * @returns the critic loss, read back (which also waits for the backend to finish).
 */
export function wganCriticStep(session: WganSession): number {
  return tf.tidy(() => {
    const fake = generate(session);
    const { loss, gradsAndVars } = session.criticOptimizer.computeGradients(
      () => wassersteinGap(session, fake),
      session.criticVars,
    );
    session.criticOptimizer.applyGradients(gradsAndVars, { globalStep: session.steps.critic });
    for (const variable of session.criticVars) {
      variable.assign(tf.clipByValue(variable, -WGAN_CLIP, WGAN_CLIP));
    }
    return loss.dataSync()[0]!;
  });
}

/**
 * One critic step of WGAN-GP: the Wasserstein gap plus λ·(‖∇x̂ D(x̂)‖₂ − 1)² at random
 * interpolates x̂ between real and generated samples. The penalty's gradient with respect to
 * the critic's weights is a gradient of a gradient (`tf.grad` inside the loss).
 *
 * @param session - models, real batch and optimizers.
 * @returns the critic loss including the penalty.
 */
export function wganGpCriticStep(session: WganSession): number {
  return tf.tidy(() => {
    const fake = generate(session);
    const { loss, gradsAndVars } = session.criticOptimizer.computeGradients(
      () => wassersteinGap(session, fake).add(gradientPenalty(session, fake)),
      session.criticVars,
    );
    session.criticOptimizer.applyGradients(gradsAndVars, { globalStep: session.steps.critic });
    return loss.dataSync()[0]!;
  });
}

/**
 * One generator step: loss −mean D(G(z)), RMSProp on the generator's variables only (the
 * critic's weight gradients are not computed).
 *
 * @param session - models and optimizers.
 * @returns the generator loss.
 */
export function wganGeneratorStep(session: WganSession): number {
  return tf.tidy(() => {
    const { loss, gradsAndVars } = session.generatorOptimizer.computeGradients(
      () => criticScore(session, generate(session)).mean().neg() as tf.Scalar,
      session.generatorVars,
    );
    session.generatorOptimizer.applyGradients(gradsAndVars, {
      globalStep: session.steps.generator,
    });
    return loss.dataSync()[0]!;
  });
}

function generate(session: WganSession): tf.Tensor {
  return session.models.generator.apply(sampleNoise(session), { training: true }) as tf.Tensor;
}

function criticScore(session: WganSession, samples: tf.Tensor): tf.Tensor {
  return session.models.critic.apply(samples, { training: true }) as tf.Tensor;
}

function wassersteinGap(session: WganSession, fake: tf.Tensor): tf.Scalar {
  return criticScore(session, fake).mean().sub(criticScore(session, session.real).mean());
}

function gradientPenalty(session: WganSession, fake: tf.Tensor): tf.Scalar {
  const { batch, real } = session;
  const perSampleShape = [batch, ...real.shape.slice(1).map(() => 1)];
  const alpha = tf.randomUniform(perSampleShape);
  const interpolates = fake.add(real.sub(fake).mul(alpha));
  const inputGradient = tf.grad((x: tf.Tensor) => criticScore(session, x).sum())(interpolates);
  const norms = inputGradient.reshape([batch, -1]).square().sum(1).sqrt();
  return norms.sub(1).square().mean().mul(GP_WEIGHT);
}
