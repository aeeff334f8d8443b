import * as tf from '../../core/backend/tf.js';
import type { Checkpointable, JsonValue } from '../../core/checkpoint/checkpointable.js';
import { readCounter } from '../../core/checkpoint/read-counter.js';
import { deriveSeed } from '../../core/random/derive-seed.js';
import type { CriticLossInputs, GanLoss } from './gan-loss.js';
import { wassersteinCriticTerms } from './wasserstein.js';

/** Options of {@link wassersteinGradientPenalty}. */
export interface GradientPenaltyOptions {
  /** The penalty's weight λ; default 10 (Gulrajani et al.). */
  weight?: number;
  /** The gradient norm the penalty pulls towards; default 1. */
  target?: number;
  /**
   * A seed of the interpolation coefficients' own, independent of the run's: draw `k` uses
   * `deriveSeed(seed, 'gradient-penalty', k)`. Default: the trainer's per-update seed
   * ({@link CriticLossInputs.seed}), derived from the run's seed.
   */
  seed?: number;
}

/**
 * WGAN-GP (Gulrajani et al. 2017), as TF-GAN's `wasserstein_gradient_penalty`: the Wasserstein
 * critic loss plus `λ·mean((‖∇D(x̂)‖₂ − target)²)` at `x̂ = ε·real + (1−ε)·fake`, one ε ~ U[0, 1]
 * per example. The gradient of the critic's output is taken with `tf.grad` inside the
 * optimizer's tape, so the penalty's own gradient (a second derivative) reaches the weights.
 * Metrics: `wasserstein` and `gradient_penalty` (unweighted). ε comes from the run's seed
 * through the trainer's per-update seed, so a resumed run draws the same ε as an uninterrupted
 * one; with a seed of its own, the draw count rides in checkpoints (as `gradient_penalty`).
 *
 * @example
 * ```ts
 * createTrainer({ ...config, loss: wassersteinGradientPenalty({ weight: 10 }) });
 * ```
 * @param options - λ, the target norm and a seed.
 * @returns the loss.
 */
export function wassersteinGradientPenalty(
  options: GradientPenaltyOptions = {},
): GanLoss & Checkpointable {
  const weight = options.weight ?? 10;
  const target = options.target ?? 1;
  let draws = 0;
  const seedOf = (inputs: Pick<CriticLossInputs, 'seed'>): number =>
    options.seed === undefined
      ? inputs.seed
      : deriveSeed(options.seed, 'gradient-penalty', draws++);
  return {
    name: 'wassersteinGradientPenalty',
    hyperparameters: {
      gradientPenaltyWeight: weight,
      gradientPenaltyTarget: target,
      ...(options.seed === undefined ? {} : { gradientPenaltySeed: options.seed }),
    },
    criticLoss: (inputs) => {
      const terms = wassersteinCriticTerms(inputs.realScores, inputs.fakeScores);
      const eps = inputs.draws?.[0] ?? drawEpsilon(inputs, seedOf(inputs));
      const penalty = gradientPenalty(inputs, target, eps);
      return {
        loss: tf.add(terms.loss, tf.mul(penalty, weight)),
        metrics: { ...terms.metrics, gradient_penalty: penalty },
      };
    },
    criticDraws: ({ seed, realShape }) => [
      uniformDraw(realShape[0] ?? 1, realShape, seedOf({ seed })),
    ],
    generatorLoss: (fakeScores) => ({ loss: tf.neg(tf.mean(fakeScores)), metrics: {} }),
    checkpointName: 'gradient_penalty',
    stateDict: (): JsonValue => ({ draws }),
    loadStateDict: (state) => {
      draws = readCounter(state, 'gradient_penalty', 'draws');
    },
  };
}

/** ε ~ U(0, 1), one per example: `[rows, 1, 1, ...]` for real batches of `realShape`. */
function uniformDraw(rows: number, realShape: readonly number[], seed: number): tf.Tensor {
  const ones = realShape.slice(1).map(() => 1);
  return tf.randomUniform([rows, ...ones], 0, 1, 'float32', seed);
}

function drawEpsilon({ real, shard }: CriticLossInputs, seed: number): tf.Tensor {
  // A replica draws ε for the whole global batch and keeps its rows, as a single process would.
  const drawn = uniformDraw(shard?.globalSize ?? real.shape[0] ?? 1, real.shape, seed);
  return shard === undefined ? drawn : tf.slice(drawn, shard.offset, shard.size);
}

function gradientPenalty(
  { real, fake, critic }: CriticLossInputs,
  target: number,
  eps: tf.Tensor,
): tf.Tensor {
  const interpolates = tf.add(tf.mul(eps, real), tf.mul(tf.sub(1, eps), fake));
  const slopes = tf.grad((x: tf.Tensor) => tf.sum(critic(x)))(interpolates);
  const axes = slopes.shape.slice(1).map((_, i) => i + 1);
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(slopes), axes), 1e-10));
  return tf.mean(tf.square(tf.sub(norms, target)));
}
