import { z } from 'zod';

/** The datasets a preset exists for; `images` is any folder of images or IDX file. */
export const PRESET_DATASETS = ['ring8', 'grid25', 'mnist', 'images'] as const;
/** The losses a preset exists for, by the names `gantry train --loss` takes. */
export const PRESET_LOSSES = ['wgan', 'wgan-gp'] as const;
/** The model families a preset builds. */
export const PRESET_MODELS = ['mlp', 'dcgan'] as const;

/** A dataset a preset exists for. */
export type PresetDataset = (typeof PRESET_DATASETS)[number];
/** A loss a preset exists for: `wgan` (weight clipping) or `wgan-gp` (gradient penalty). */
export type PresetLoss = (typeof PRESET_LOSSES)[number];
/** A model family: `mlp` for 2-D toys, `dcgan` for images. */
export type PresetModel = (typeof PRESET_MODELS)[number];

const positive = z.number().positive();
const count = z.number().int().min(1);

const adamSchema = z
  .object({
    kind: z.literal('adam'),
    learningRate: positive,
    beta1: z.number().min(0).lt(1),
    beta2: z.number().min(0).lt(1),
  })
  .strict();

const rmspropSchema = z.object({ kind: z.literal('rmsprop'), learningRate: positive }).strict();

/** One optimizer's settings: TensorFlow 1's Adam or RMSProp. */
export const optimizerPresetSchema = z.discriminatedUnion('kind', [adamSchema, rmspropSchema]);
/** One optimizer's settings: TensorFlow 1's Adam or RMSProp. */
export type OptimizerPreset = z.output<typeof optimizerPresetSchema>;

const mlpSchema = z
  .object({ kind: z.literal('mlp'), width: count, depth: count, noiseSize: count })
  .strict();

const dcganSchema = z
  .object({
    kind: z.literal('dcgan'),
    imageSize: z.union([z.literal(28), z.literal(64)]),
    channels: z.union([z.literal(1), z.literal(3)]),
    noiseSize: count,
    baseFilters: count,
  })
  .strict();

/** The model to build: `mlpGan(...)` or `dcgan(...)` options plus the family. */
export const modelPresetSchema = z.discriminatedUnion('kind', [mlpSchema, dcganSchema]);
/** The model to build: `mlpGan(...)` or `dcgan(...)` options plus the family. */
export type ModelPreset = z.output<typeof modelPresetSchema>;

/**
 * The shape of a preset, validated with zod so that a preset edited by hand (or read from a
 * run's `config.json`) is checked as strictly as the built-in ones: exactly one of
 * `gradientPenaltyWeight` (wgan-gp) and `weightClip` (wgan) is set, as the loss requires.
 */
export const trainingPresetSchema = z
  .object({
    dataset: z.enum(PRESET_DATASETS),
    loss: z.enum(PRESET_LOSSES),
    model: modelPresetSchema,
    optimizers: z
      .object({ critic: optimizerPresetSchema, generator: optimizerPresetSchema })
      .strict(),
    nCritic: count,
    batchSize: count,
    steps: count,
    gradientPenaltyWeight: positive.optional(),
    weightClip: positive.optional(),
    emaDecay: z.number().gt(0).lt(1).optional(),
    learningRateDecayStart: z.number().gt(0).lt(1).optional(),
    threads: count.optional(),
    source: z.string().min(1),
  })
  .strict()
  .superRefine((preset, context) => {
    const penalty = preset.gradientPenaltyWeight !== undefined;
    const clip = preset.weightClip !== undefined;
    if (preset.loss === 'wgan-gp' && (!penalty || clip)) {
      context.addIssue({
        code: 'custom',
        path: ['gradientPenaltyWeight'],
        message: 'wgan-gp needs gradientPenaltyWeight and no weightClip',
      });
    }
    if (preset.loss === 'wgan' && (!clip || penalty)) {
      context.addIssue({
        code: 'custom',
        path: ['weightClip'],
        message: 'wgan needs weightClip and no gradientPenaltyWeight',
      });
    }
  });

/**
 * The training defaults for one dataset and loss: which model, which optimizers at which
 * learning rates, how many critic updates per generator update, the batch size, how many
 * generator steps, the loss's own constant (gradient-penalty weight λ or weight-clip bound c),
 * the decay of the generator's moving average, and where the learning rates start to decay
 * linearly to zero (a fraction of `steps`). `threads`, when set, is how many threads the
 * tensorflow backend was measured to train this preset cheapest on (small MLPs spend less CPU
 * time on one thread than on several). `source` says where the numbers
 * come from: the paper that gave them, or the measurement (`npm run bench:quality`) that chose
 * them.
 */
export type TrainingPreset = z.output<typeof trainingPresetSchema>;
