import type * as tf from '../../core/backend/tf.js';

/**
 * Where one replica's rows sit in the global batch of a data-parallel run: rows
 * `[offset, offset + size)` of `globalSize`.
 */
export interface BatchShard {
  readonly offset: number;
  readonly size: number;
  readonly globalSize: number;
}

/** What a critic loss may look at. All tensors are owned by the caller. */
export interface CriticLossInputs {
  /** The critic's outputs on the real batch, shape `[batch, ...]`. */
  readonly realScores: tf.Tensor;
  /** The critic's outputs on the generated batch. */
  readonly fakeScores: tf.Tensor;
  /** The real batch. */
  readonly real: tf.Tensor;
  /** The generated batch (already cut from the generator's gradient). */
  readonly fake: tf.Tensor;
  /** The critic in training mode, for losses that evaluate it elsewhere (gradient penalty). */
  readonly critic: (input: tf.Tensor) => tf.Tensor;
  /**
   * Set when this replica holds a share of the global batch: a loss that draws per-example
   * randomness draws it for the global batch and keeps these rows, so the draw does not depend
   * on the replica count.
   */
  readonly shard?: BatchShard;
  /**
   * The seed for this update's random draws: `deriveSeed(runSeed, 'critic-loss', t)` for the
   * update that makes critic step `t`, so the draws repeat with the run's seed, on resume and
   * on every replica alike.
   */
  readonly seed: number;
  /**
   * This update's random draws, made beforehand by {@link GanLoss.criticDraws} (a compiled
   * update passes them in as arguments of its function); absent: the loss draws them itself.
   */
  readonly draws?: readonly tf.Tensor[];
}

/** A loss value and the named scalars that explain it (reported as step-event metrics). */
export interface LossTerms {
  /** A scalar (rank 0) tensor. */
  readonly loss: tf.Tensor;
  /** Scalar tensors, keyed by metric name. */
  readonly metrics: Readonly<Record<string, tf.Tensor>>;
}

/**
 * A GAN objective: how the critic and the generator are scored from the critic's outputs.
 * Both methods run inside the optimizer's gradient tape, so they must use differentiable
 * tfjs ops only; the trainer disposes what they return.
 */
export interface GanLoss {
  /** E.g. `wasserstein`, as written in a config. */
  readonly name: string;
  /**
   * The numbers that change what the loss computes (WGAN-GP's `gradientPenaltyWeight`), by
   * name; replicas refuse to train when theirs differ from the chief's.
   */
  readonly hyperparameters?: Readonly<Record<string, number>>;
  /**
   * @param inputs - the critic's outputs and what produced them.
   * @returns the loss the critic minimises, and its parts.
   */
  criticLoss(inputs: CriticLossInputs): LossTerms;
  /**
   * Makes the random draws `criticLoss` would make for these inputs, advancing whatever count
   * it keeps, so that an update traced into a TensorFlow function can take them as arguments;
   * absent for losses that draw nothing.
   *
   * @param inputs - the update's seed and the real batch's shape.
   * @returns the draws, in the order `criticLoss` reads {@link CriticLossInputs.draws}; the
   *   caller disposes them.
   */
  criticDraws?(inputs: {
    readonly seed: number;
    readonly realShape: readonly number[];
  }): tf.Tensor[];
  /**
   * @param fakeScores - the critic's outputs on a generated batch.
   * @returns the loss the generator minimises, and its parts.
   */
  generatorLoss(fakeScores: tf.Tensor): LossTerms;
}
