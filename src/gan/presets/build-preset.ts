import type { Optimizer } from '../../core/optim/optimizer.js';
import type { Schedule } from '../../core/optim/schedules/schedule.js';
import { lossCatalog } from '../losses/catalog.js';
import type { GanLoss } from '../losses/gan-loss.js';
import { modelCatalog } from '../models/catalog.js';
import type { GanModels } from '../models/gan-models.js';
import { optimizerPair, type OptimizerChoice } from '../optimizer-pair.js';
import type { TrainerSettingsInput } from '../trainer-settings.js';
import type { OptimizerPreset, TrainingPreset } from './training-preset.js';

/**
 * Builds the preset's generator and critic through {@link modelCatalog}. Call it after
 * `initBackend`, as for any model.
 *
 * @param preset - a preset from `presetFor`.
 * @param seed - the run's seed, from which every layer's initial weights derive; without it
 *   they are drawn unseeded.
 * @returns the two models, their noise size and sample shape.
 */
export function presetModels(preset: TrainingPreset, seed?: number): GanModels {
  const { kind, ...options } = preset.model;
  return modelCatalog.create(kind, options, seed === undefined ? {} : { seed });
}

/**
 * Builds the preset's loss through {@link lossCatalog}: `wgan`, or `wgan-gp` with the preset's
 * λ.
 *
 * @param preset - a preset from `presetFor`.
 * @param seed - a seed of the gradient penalty's own; default the trainer's, from the run's seed.
 * @returns the loss.
 */
export function presetLoss(preset: TrainingPreset, seed?: number): GanLoss {
  const options =
    preset.gradientPenaltyWeight === undefined ? {} : { gpWeight: preset.gradientPenaltyWeight };
  return lossCatalog.create(preset.loss, options, seed === undefined ? {} : { seed });
}

/**
 * Builds the two optimizers through {@link optimizerPair}. They are named as TensorFlow 1 names two optimizers of one kind in
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
  const start = preset.learningRateDecayStart;
  const choice = (
    { kind, learningRate, ...options }: OptimizerPreset,
    lastStep: number,
  ): OptimizerChoice => ({
    kind,
    options,
    learningRate:
      start === undefined ? learningRate : linearDecayToZero(learningRate, start, lastStep),
  });
  return optimizerPair(
    choice(critic, preset.steps * preset.nCritic),
    choice(generator, preset.steps),
  );
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
    ...(preset.threads === undefined ? {} : { threads: preset.threads }),
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
