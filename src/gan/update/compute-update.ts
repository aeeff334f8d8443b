import * as tf from '../../core/backend/tf.js';
import type { StepName } from '../../core/events/training-event.js';
import { stopGradient } from '../../core/optim/gradients.js';
import { deriveSeed } from '../../core/random/derive-seed.js';
import type { BatchShard, LossTerms } from '../losses/gan-loss.js';
import type { ComputedUpdate } from './computed-update.js';
import type { StepParts } from './step-parts.js';

/**
 * The generator's samples a critic update compares with a real batch, as constants (no gradient
 * flows back into the generator). They depend only on the generator's weights, which the critic's
 * updates leave alone, so replicas draw them while the previous update's gradients travel.
 *
 * @param parts - the run's collaborators.
 * @param z - a latent batch (caller disposes).
 * @returns the fake batch; the caller disposes it.
 */
export function generateFakes(parts: StepParts, z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => stopGradient(parts.generator.apply(z, true)));
}

/**
 * Computes a critic update: its loss on a real and a fake batch, and the gradients. Changes no
 * variable and no step; replicas average the result across the group before applying it.
 *
 * @param parts - the run's collaborators.
 * @param real - a real batch (caller disposes).
 * @param fake - the generator's samples from {@link generateFakes} (caller disposes).
 * @param shard - where these rows sit in the global batch, when this is one replica's share.
 * @returns the computed update, whose tensors the caller hands to `applyUpdate`.
 */
export function computeCriticUpdate(
  parts: StepParts,
  real: tf.Tensor,
  fake: tf.Tensor,
  shard?: BatchShard,
): ComputedUpdate {
  const { critic, loss } = parts;
  return computeUpdate(parts, 'critic', critic.trainableVariables, () => {
    const train = (x: tf.Tensor): tf.Tensor => critic.apply(x, true);
    return loss.criticLoss({
      realScores: train(real),
      fakeScores: train(fake),
      real,
      fake,
      critic: train,
      seed: deriveSeed(parts.settings.seed, 'critic-loss', parts.steps.critic.value + 1),
      ...(shard === undefined ? {} : { shard }),
    });
  });
}

/**
 * Computes a generator update: its loss on a latent batch, and the gradients. Changes no
 * variable and no step.
 *
 * @param parts - the run's collaborators.
 * @param z - a latent batch (caller disposes).
 * @returns the computed update, whose tensors the caller hands to `applyUpdate`.
 */
export function computeGeneratorUpdate(parts: StepParts, z: tf.Tensor): ComputedUpdate {
  const { critic, generator, loss } = parts;
  return computeUpdate(parts, 'generator', generator.trainableVariables, () =>
    loss.generatorLoss(critic.apply(generator.apply(z, true), true)),
  );
}

/** Differentiates the loss with the step's optimizer, keeping the loss's metrics alive. */
function computeUpdate(
  parts: StepParts,
  step: StepName,
  variables: readonly tf.Variable[],
  terms: () => LossTerms,
): ComputedUpdate {
  const metrics: Record<string, tf.Tensor> = {};
  const { loss, gradsAndVars } = parts.optimizers[step].computeGradients(() => {
    const { loss: value, metrics: named } = terms();
    for (const [name, metric] of Object.entries(named)) metrics[name] = tf.keep(metric);
    return value;
  }, [...variables]);
  return { step, loss, metrics, gradsAndVars };
}
