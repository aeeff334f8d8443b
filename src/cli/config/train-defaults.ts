import { presetDatasetKind, presetFor, PresetError } from '../../gan/presets/preset-for.js';
import type { TrainingPreset } from '../../gan/presets/training-preset.js';
import { UsageError } from '../usage-error.js';
import type { TrainOptions } from './train-options.js';

/** What the defaults depend on: the dataset and whichever of loss and model were chosen. */
export interface DefaultsChoice {
  dataset: string;
  loss?: TrainOptions['loss'];
  model?: TrainOptions['model'];
}

/** Options that only one model family reads. */
export type ModelSpecificKey = 'width' | 'depth' | 'baseFilters' | 'imageSize' | 'channels';

/**
 * Every option except `logdir`, `dataset`, `devices` and `bestMetric` filled in; model-specific
 * ones as apt.
 */
export type TrainDefaults = Required<
  Omit<TrainOptions, 'logdir' | 'dataset' | 'devices' | 'bestMetric' | ModelSpecificKey>
> &
  Pick<TrainOptions, ModelSpecificKey>;

/**
 * Generator steps between evaluations by default: often enough to see progress and keep a
 * good best checkpoint, rarely enough that scoring costs under 10% of the run (measured: see
 * the README). Datasets without an extractor are not evaluated unless asked.
 */
const EVAL_EVERY: Readonly<Record<string, number>> = { mnist: 200, ring8: 500, grid25: 500 };

/**
 * The defaults of a run: the preset for its dataset and loss (`presetFor` in src/gan/presets:
 * measured for grid25 and MNIST, the papers' recipes elsewhere). The losses without a preset
 * (`ns`, `hinge`, `lsgan`) take the dataset's WGAN-GP model, batch and steps with the DCGAN
 * paper's optimizer (Adam 2e-4, β1 0.5) and one critic step per generator step. The default
 * loss is `wgan-gp`.
 *
 * @param choice - the dataset, and the loss and model if chosen.
 * @returns the defaults.
 * @throws UsageError when the model does not fit the dataset (`--model mlp` on images).
 */
export function trainDefaults(choice: DefaultsChoice): TrainDefaults {
  const loss = choice.loss ?? 'wgan-gp';
  const wasserstein = loss === 'wgan' || loss === 'wgan-gp';
  const preset = findPreset(choice.dataset, wasserstein ? loss : 'wgan-gp', choice.model);
  const common = {
    loss,
    steps: preset.steps,
    batchSize: preset.batchSize,
    ema: preset.emaDecay ?? 0,
    seed: 0,
    backend: 'auto',
    execution: 'auto',
    threads: preset.threads ?? 0,
    checkpointEvery: 500,
    summaryEvery: 100,
    histogramEvery: 1000,
    sampleEvery: 500,
    evalEvery: EVAL_EVERY[choice.dataset] ?? 0,
    evalSamples: 2000,
    replicas: 1,
    cpuBinding: 'cores',
    replicaTimeout: 300,
    ...modelDefaults(preset),
  } as const;
  if (!wasserstein) {
    const dcganRecipe = {
      optimizer: 'adam',
      lrG: 2e-4,
      lrD: 2e-4,
      beta1: 0.5,
      beta2: 0.999,
    } as const;
    return { ...common, ...dcganRecipe, nCritic: 1, gpWeight: 10, weightClip: 0, lrDecayStart: 0 };
  }
  const { critic, generator } = preset.optimizers;
  return {
    ...common,
    optimizer: critic.kind,
    lrD: critic.learningRate,
    lrG: generator.learningRate,
    beta1: critic.kind === 'adam' ? critic.beta1 : 0.5,
    beta2: critic.kind === 'adam' ? critic.beta2 : 0.9,
    nCritic: preset.nCritic,
    gpWeight: preset.gradientPenaltyWeight ?? 10,
    weightClip: preset.weightClip ?? 0,
    lrDecayStart: preset.learningRateDecayStart ?? 0,
  };
}

function findPreset(dataset: string, loss: string, model: string | undefined): TrainingPreset {
  try {
    return presetFor({ dataset: presetDatasetKind(dataset), loss, model });
  } catch (error) {
    if (error instanceof PresetError) throw new UsageError(error.message);
    throw error;
  }
}

function modelDefaults(
  preset: TrainingPreset,
): Pick<TrainDefaults, 'model' | 'noiseSize'> & Pick<TrainOptions, ModelSpecificKey> {
  const { model } = preset;
  if (model.kind === 'mlp') {
    return { model: 'mlp', noiseSize: model.noiseSize, width: model.width, depth: model.depth };
  }
  return {
    model: 'dcgan',
    noiseSize: model.noiseSize,
    baseFilters: model.baseFilters,
    imageSize: model.imageSize,
    channels: model.channels,
  };
}
