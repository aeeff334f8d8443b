import type { Optimizer } from '../../core/optim/optimizer.js';
import { AdamOptimizer } from '../../core/optim/optimizers/adam.js';
import { RMSPropOptimizer } from '../../core/optim/optimizers/rmsprop.js';
import type { Schedule } from '../../core/optim/schedules/schedule.js';
import type { GanLoss } from '../losses/gan-loss.js';
import { wassersteinGradientPenalty } from '../losses/gradient-penalty.js';
import { wasserstein } from '../losses/wasserstein.js';
import { dcgan } from '../models/dcgan.js';
import type { GanModels } from '../models/gan-models.js';
import { mlpGan } from '../models/mlp.js';
import type { TrainerSettingsInput } from '../trainer-settings.js';
import type { OptimizerPreset, TrainingPreset } from './training-preset.js';

/**
 * Builds the preset's generator and critic. Call it after `initBackend`, as for any model.
 *
 * @param preset - a preset from `presetFor`.
 * @param seed - the run's seed, from which every layer's initial weights derive; without it
 *   they are drawn unseeded.
 * @returns the two models, their noise size and sample shape.
 */
export function presetModels(preset: TrainingPreset, seed?: number): GanModels {
  const { model } = preset;
  const seeded = seed === undefined ? {} : { seed };
  if (model.kind === 'mlp') {
    return mlpGan({
      width: model.width,
      depth: model.depth,
      noiseSize: model.noiseSize,
      ...seeded,
    });
  }
  return dcgan({
    imageSize: model.imageSize,
    channels: model.channels,
    noiseSize: model.noiseSize,
    baseFilters: model.baseFilters,
    ...seeded,
  });
}

/**
 * Builds the preset's loss: {@link wasserstein} for `wgan`, {@link wassersteinGradientPenalty}
 * with the preset's λ for `wgan-gp`.
 *
 * @param preset - a preset from `presetFor`.
 * @param seed - a seed of the gradient penalty's own; default the trainer's, from the run's seed.
 * @returns the loss.
 */
export function presetLoss(preset: TrainingPreset, seed?: number): GanLoss {
  if (preset.loss === 'wgan') return wasserstein();
  return wassersteinGradientPenalty({
    weight: preset.gradientPenaltyWeight,
    ...(seed === undefined ? {} : { seed }),
  });
}

/**
 * Builds the two optimizers. They are named as TensorFlow 1 names two optimizers of one kind in
 * one graph: the critic's `Adam` (or `RMSProp`), the generator's `Adam_1`, so their slots and
 * non-slot variables (`Adam/beta1_power`, `Adam_1/beta1_power`) do not collide. With
 * `learningRateDecayStart` set, each learning rate stays constant until that fraction of the
 * run and then decays linearly to zero at its last step; the critic's schedule counts critic
 * steps (`nCritic` per generator step), the generator's counts generator steps. Set
 * `preset.steps` (and `nCritic`) to the run's own values before calling, so that the decay
 * ends at the run's last step.
 *
 * @param preset - a preset from `presetFor`.
 * @returns `{ critic, generator }`, ready for `createTrainer({ optimizers })`.
 */
export function presetOptimizers(preset: TrainingPreset): {
  critic: Optimizer;
  generator: Optimizer;
} {
  const { critic, generator } = preset.optimizers;
  return {
    critic: buildOptimizer(critic, 'critic', preset, preset.steps * preset.nCritic),
    generator: buildOptimizer(generator, 'generator', preset, preset.steps),
  };
}

/**
 * The preset's plain settings, to spread into a `createTrainer` config (a user's own values
 * spread after them win).
 *
 * @param preset - a preset from `presetFor`.
 * @returns `nCritic`, `batchSize`, `latentDim`, `steps`, and `weightClip`/`emaDecay` when set.
 */
export function presetSettings(preset: TrainingPreset): TrainerSettingsInput {
  return {
    nCritic: preset.nCritic,
    batchSize: preset.batchSize,
    latentDim: preset.model.noiseSize,
    steps: preset.steps,
    ...(preset.weightClip === undefined ? {} : { weightClip: preset.weightClip }),
    ...(preset.emaDecay === undefined ? {} : { emaDecay: preset.emaDecay }),
  };
}

/**
 * A constant learning rate that, from `start` (a fraction of `lastStep`), falls linearly to
 * zero at `lastStep`; steps past it keep zero.
 *
 * @param learningRate - the rate before the decay starts.
 * @param start - where the decay starts, as a fraction of `lastStep`, in (0, 1).
 * @param lastStep - the step at which the rate reaches zero.
 * @returns the schedule.
 */
export function linearDecayToZero(learningRate: number, start: number, lastStep: number): Schedule {
  const from = start * lastStep;
  const span = lastStep - from;
  return (step) => {
    if (step <= from) return learningRate;
    return learningRate * Math.max(0, (lastStep - step) / span);
  };
}

function buildOptimizer(
  options: OptimizerPreset,
  role: 'critic' | 'generator',
  preset: TrainingPreset,
  lastStep: number,
): Optimizer {
  const start = preset.learningRateDecayStart;
  const learningRate =
    start === undefined
      ? options.learningRate
      : linearDecayToZero(options.learningRate, start, lastStep);
  const suffix = role === 'critic' ? '' : '_1';
  if (options.kind === 'adam') {
    const { beta1, beta2 } = options;
    return new AdamOptimizer({ learningRate, beta1, beta2, name: `Adam${suffix}` });
  }
  return new RMSPropOptimizer({ learningRate, name: `RMSProp${suffix}` });
}
