import {
  PRESET_DATASETS,
  PRESET_LOSSES,
  PRESET_MODELS,
  trainingPresetSchema,
  type PresetDataset,
  type TrainingPreset,
} from './training-preset.js';
import { PRESETS } from './preset-table.js';

/** No preset fits the request; the message names the argument and lists what fits. */
export class PresetError extends Error {
  override readonly name = 'PresetError';
}

/** What {@link presetFor} is asked for: the names `gantry train` takes. */
export interface PresetQuery {
  /** `ring8`, `grid25`, `mnist`, or `images` (see {@link presetDatasetKind}). */
  dataset: string;
  /** `wgan` or `wgan-gp`. */
  loss: string;
  /** `mlp` or `dcgan`; default the dataset's own (mlp for the 2-D toys, dcgan for images). */
  model?: string;
}

/**
 * The training defaults gantry uses for a dataset and a loss: the model, both optimizers and
 * their learning rates, `nCritic`, batch size, steps, λ or the weight-clip bound, the
 * generator's moving-average decay and the learning-rate decay. The grid25 and MNIST presets
 * are the ones `npm run bench:quality` measured; `source` says so, or names the paper whose
 * numbers a preset uses. Build the parts with `presetModels`, `presetLoss`,
 * `presetOptimizers` and `presetSettings`.
 *
 * @example
 * ```ts
 * const preset = presetFor({ dataset: 'grid25', loss: 'wgan-gp' });
 * await initBackend({ backend: 'auto' });
 * const { generator, critic } = presetModels(preset);
 * const trainer = createTrainer({
 *   ...presetSettings(preset),
 *   generator,
 *   critic,
 *   dataset: grid25(0),
 *   loss: presetLoss(preset),
 *   optimizers: presetOptimizers(preset),
 * });
 * ```
 * @param query - the dataset, the loss and optionally the model family.
 * @returns a fresh, validated copy of the preset (change it freely).
 * @throws PresetError naming the argument when the dataset, loss or model is unknown, or the
 *   model does not fit the dataset.
 */
export function presetFor(query: PresetQuery): TrainingPreset {
  const dataset = oneOf('dataset', query.dataset, PRESET_DATASETS);
  const loss = oneOf('loss', query.loss, PRESET_LOSSES);
  const preset = trainingPresetSchema.parse(structuredClone(PRESETS[dataset][loss]));
  if (query.model !== undefined) {
    const model = oneOf('model', query.model, PRESET_MODELS);
    if (model !== preset.model.kind) {
      throw new PresetError(
        `presetFor: model ${model} does not fit dataset ${dataset}; use --model ${preset.model.kind} (or omit it)`,
      );
    }
  }
  return preset;
}

/**
 * Maps a `--dataset` value to the dataset a preset exists for: the built-in names map to
 * themselves, anything else (a folder of images, an IDX file) to `images`.
 *
 * @param spec - the dataset name or path, as `createDataset` takes it.
 * @returns the preset dataset.
 */
export function presetDatasetKind(spec: string): PresetDataset {
  return (PRESET_DATASETS as readonly string[]).includes(spec) ? (spec as PresetDataset) : 'images';
}

function oneOf<T extends string>(argument: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new PresetError(
    `presetFor: unknown ${argument} ${JSON.stringify(value)}; use one of ${allowed.join(', ')}`,
  );
}
