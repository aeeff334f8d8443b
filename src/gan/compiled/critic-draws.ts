import type * as tf from '../../core/backend/tf.js';
import { deriveSeed } from '../../core/random/derive-seed.js';
import type { BatchShard } from '../losses/gan-loss.js';
import { takeShard } from '../replicas/batch-shard.js';
import type { StepParts } from '../update/step-parts.js';

/**
 * A critic update's random draws (WGAN-GP's ε, `GanLoss.criticDraws`), made before the call
 * from the step's seed so the function takes them as arguments; a replica draws them for the
 * global batch and keeps its rows, as its eager update does.
 *
 * @param parts - the run's collaborators.
 * @param criticStep - the critic's global step before the update.
 * @param real - the real batch (this replica's rows, with a shard).
 * @param shard - this replica's rows of the global batch, when replicated.
 * @returns the draws; the caller disposes them.
 */
export function criticDraws(
  parts: StepParts,
  criticStep: number,
  real: tf.Tensor,
  shard: BatchShard | undefined,
): tf.Tensor[] {
  const realShape = shard === undefined ? real.shape : [shard.globalSize, ...real.shape.slice(1)];
  const draws =
    parts.loss.criticDraws?.({
      seed: deriveSeed(parts.settings.seed, 'critic-loss', criticStep + 1),
      realShape,
    }) ?? [];
  return shard === undefined ? draws : draws.map((draw) => takeShard(draw, shard));
}

/**
 * The parts with a loss that reads the draws made before the call (arguments of the function).
 *
 * @param parts - the run's collaborators.
 * @param draws - from {@link criticDraws}, as the traced function sees them.
 * @returns the parts to compute the critic's update with.
 */
export function withDraws(parts: StepParts, draws: tf.Tensor[]): StepParts {
  if (draws.length === 0) return parts;
  const { loss } = parts;
  return {
    ...parts,
    loss: {
      name: loss.name,
      criticLoss: (inputs) => loss.criticLoss({ ...inputs, draws }),
      generatorLoss: (fakeScores) => loss.generatorLoss(fakeScores),
    },
  };
}
