import { z } from 'zod';
import { CPU_BINDINGS } from '../../core/distributed/cpu-binding.js';

/** The losses `--loss` names: WGAN (weight clipping), WGAN-GP, non-saturating, hinge, LSGAN. */
export const LOSS_NAMES = ['wgan', 'wgan-gp', 'ns', 'hinge', 'lsgan'] as const;
/** The model families `--model` names. */
export const MODEL_NAMES = ['mlp', 'dcgan'] as const;
/** The optimizers `--optimizer` names (gantry's TF1 optimizers). */
export const OPTIMIZER_NAMES = [
  'rmsprop',
  'adam',
  'sgd',
  'momentum',
  'adagrad',
  'adadelta',
  'ftrl',
] as const;
/** The backends `--backend` names. */
export const BACKEND_NAMES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
/** How `--execution` runs each update (see `CompiledUpdates`). */
export const EXECUTION_MODES = ['eager', 'compiled', 'auto'] as const;

const count = z.int().min(1);
/** A period where 0 means never. */
const period = z.int().min(0);

/**
 * Everything `gantry train` accepts, as config-file keys (camelCase); each has a flag too
 * (kebab-case, see {@link TRAIN_FLAGS}). Every key is optional here: defaults come from the
 * dataset's preset, then the config file, then the flags, each overriding the one before.
 */
export const trainOptionsSchema = z
  .object({
    logdir: z.string().min(1),
    dataset: z.string().min(1),
    model: z.enum(MODEL_NAMES),
    loss: z.enum(LOSS_NAMES),
    steps: count,
    nCritic: count,
    batchSize: count,
    lrG: z.number().positive(),
    lrD: z.number().positive(),
    optimizer: z.enum(OPTIMIZER_NAMES),
    beta1: z.number().min(0).lt(1),
    beta2: z.number().min(0).lt(1),
    lrDecayStart: z.number().min(0).lt(1),
    ema: z.number().min(0).lt(1),
    gpWeight: z.number().positive(),
    weightClip: z.number().min(0),
    noiseSize: count,
    width: count,
    depth: count,
    baseFilters: count,
    imageSize: z.union([z.literal(28), z.literal(64)]),
    channels: z.union([z.literal(1), z.literal(3)]),
    seed: z.int().min(0),
    backend: z.enum(BACKEND_NAMES),
    execution: z.enum(EXECUTION_MODES),
    checkpointEvery: count,
    summaryEvery: count,
    histogramEvery: period,
    sampleEvery: count,
    evalEvery: period,
    evalSamples: count,
    bestMetric: z.string().regex(/^[a-z_]+$/),
    replicas: count,
    cpuBinding: z.enum(CPU_BINDINGS),
    devices: z.array(z.union([z.int().min(0), z.string().regex(/^\d+$/)]).transform(String)).min(1),
  })
  .partial()
  .strict();

/** The options as a config file or the flags give them: any subset. */
export type TrainOptions = z.output<typeof trainOptionsSchema>;
/** A key of {@link TrainOptions}, as written in config files. */
export type TrainOptionKey = keyof TrainOptions;

/** How one option is written on the command line and how its raw text becomes a value. */
export interface FlagSpec {
  /** The flag, e.g. `--n-critic`. */
  readonly flag: string;
  /** The placeholder in `--help`, e.g. `K`. */
  readonly placeholder: string;
  readonly help: string;
  /** What the value may be, in words, for error messages ("an integer ≥ 1"). */
  readonly allowed: string;
  /** How the flag's text is read before validation. */
  readonly kind: 'integer' | 'number' | 'text' | 'list';
}

const counted = (flag: string, placeholder: string, help: string): FlagSpec => ({
  flag,
  placeholder,
  help,
  allowed: 'an integer ≥ 1',
  kind: 'integer',
});
const oneOf = (names: readonly string[]): string => `one of ${names.join(', ')}`;

/** The flag of every option, in the order `gantry train --help` lists them. */
export const TRAIN_FLAGS: Readonly<Record<TrainOptionKey, FlagSpec>> = {
  logdir: {
    flag: '--logdir',
    placeholder: 'DIR',
    help: 'where the run writes (and resumes from): events, samples, checkpoints, config.json',
    allowed: 'a folder path',
    kind: 'text',
  },
  dataset: {
    flag: '--dataset',
    placeholder: 'NAME|PATH',
    help: 'ring8 (default), grid25, mnist, a folder of images or an MNIST IDX image file',
    allowed: 'ring8, grid25, mnist or a path',
    kind: 'text',
  },
  model: {
    flag: '--model',
    placeholder: 'NAME',
    help: 'mlp (2-D toys) or dcgan (images); default by dataset',
    allowed: oneOf(MODEL_NAMES),
    kind: 'text',
  },
  loss: {
    flag: '--loss',
    placeholder: 'NAME',
    help: `${oneOf(LOSS_NAMES)}; default wgan-gp`,
    allowed: oneOf(LOSS_NAMES),
    kind: 'text',
  },
  steps: counted(
    '--steps',
    'N',
    'the last generator global step (resuming at 100 with 200 trains 100 more)',
  ),
  nCritic: counted('--n-critic', 'K', 'critic updates per generator update'),
  batchSize: counted('--batch-size', 'B', 'samples per batch'),
  lrG: {
    flag: '--lr-g',
    placeholder: 'X',
    help: "the generator's learning rate",
    allowed: 'a number > 0',
    kind: 'number',
  },
  lrD: {
    flag: '--lr-d',
    placeholder: 'X',
    help: "the critic's learning rate",
    allowed: 'a number > 0',
    kind: 'number',
  },
  optimizer: {
    flag: '--optimizer',
    placeholder: 'NAME',
    help: oneOf(OPTIMIZER_NAMES),
    allowed: oneOf(OPTIMIZER_NAMES),
    kind: 'text',
  },
  beta1: {
    flag: '--beta1',
    placeholder: 'X',
    help: "Adam's β1 (both networks)",
    allowed: 'a number in [0, 1)',
    kind: 'number',
  },
  beta2: {
    flag: '--beta2',
    placeholder: 'X',
    help: "Adam's β2 (both networks)",
    allowed: 'a number in [0, 1)',
    kind: 'number',
  },
  lrDecayStart: {
    flag: '--lr-decay-start',
    placeholder: 'F',
    help: 'from this fraction of --steps on, decay the learning rates linearly to 0; 0: never',
    allowed: 'a number in [0, 1)',
    kind: 'number',
  },
  ema: {
    flag: '--ema',
    placeholder: 'DECAY',
    help: "decay of a moving average of the generator's weights; 0 turns it off",
    allowed: 'a number in [0, 1)',
    kind: 'number',
  },
  gpWeight: {
    flag: '--gp-weight',
    placeholder: 'LAMBDA',
    help: 'weight of the gradient penalty (wgan-gp)',
    allowed: 'a number > 0',
    kind: 'number',
  },
  weightClip: {
    flag: '--weight-clip',
    placeholder: 'C',
    help: "clip the critic's weights to [-C, C] (wgan); 0 turns it off",
    allowed: 'a number ≥ 0',
    kind: 'number',
  },
  noiseSize: counted('--noise-size', 'N', "length of the generator's noise vector"),
  width: counted('--width', 'N', 'units per hidden layer (mlp)'),
  depth: counted('--depth', 'N', 'hidden layers per network (mlp)'),
  baseFilters: counted('--base-filters', 'N', "filters of the critic's first convolution (dcgan)"),
  imageSize: {
    flag: '--image-size',
    placeholder: 'PX',
    help: 'side of the images a folder dataset is resized to (dcgan): 28 or 64',
    allowed: '28 or 64',
    kind: 'integer',
  },
  channels: {
    flag: '--channels',
    placeholder: 'C',
    help: 'channels of a folder dataset (dcgan): 1 (gray) or 3 (RGB)',
    allowed: '1 or 3',
    kind: 'integer',
  },
  seed: {
    flag: '--seed',
    placeholder: 'S',
    help:
      'seed of every random draw of the run, each from its own stream: the initial weights ' +
      '(per layer), the noise, the data order, the gradient penalty, the sample grids',
    allowed: 'an integer ≥ 0',
    kind: 'integer',
  },
  backend: {
    flag: '--backend',
    placeholder: 'NAME',
    help: `${oneOf(BACKEND_NAMES)}; default auto, but wasm for ring8 and grid25, whose small MLPs train faster there`,
    allowed: oneOf(BACKEND_NAMES),
    kind: 'text',
  },
  execution: {
    flag: '--execution',
    placeholder: 'MODE',
    help:
      'eager: each update op by op; compiled: each update traced once and run as one ' +
      'TensorFlow function (tensorflow backend; an update that cannot be traced is an error); ' +
      'auto: compiled on tensorflow where the trace succeeds, else eager; default eager',
    allowed: oneOf(EXECUTION_MODES),
    kind: 'text',
  },
  checkpointEvery: counted('--checkpoint-every', 'N', 'save a checkpoint every N generator steps'),
  summaryEvery: counted(
    '--summary-every',
    'N',
    'write TensorBoard scalars every N generator steps',
  ),
  histogramEvery: {
    flag: '--histogram-every',
    placeholder: 'N',
    help: "write TensorBoard histograms of both networks' weights and gradients every N generator steps; 0: never",
    allowed: 'an integer ≥ 0 (0: never)',
    kind: 'integer',
  },
  sampleEvery: counted('--sample-every', 'N', 'write an image grid every N generator steps'),
  evalEvery: {
    flag: '--eval-every',
    placeholder: 'N',
    help:
      'score the generator (moving averages when kept) every N generator steps, as gantry eval ' +
      'does, into TensorBoard metrics/...; keeps the best checkpoint; default 200 on mnist, ' +
      '500 on ring8 and grid25, else 0; 0: never',
    allowed: 'an integer ≥ 0 (0: never)',
    kind: 'integer',
  },
  evalSamples: counted('--eval-samples', 'N', 'samples per evaluation (a fixed seeded set)'),
  bestMetric: {
    flag: '--best-metric',
    placeholder: 'NAME',
    help:
      'the metric the best checkpoint is kept by (frechet_distance, coverage, reverse_kl, ...); ' +
      "default the dataset's headline metric",
    allowed: 'a metric name such as frechet_distance',
    kind: 'text',
  },
  replicas: counted(
    '--replicas',
    'R',
    'train with R synchronous replica processes on this machine',
  ),
  cpuBinding: {
    flag: '--cpu-binding',
    placeholder: 'HOW',
    help: 'cores (default): each replica on its own cores; none: anywhere (several runs on one machine)',
    allowed: oneOf(CPU_BINDINGS),
    kind: 'text',
  },
  devices: {
    flag: '--devices',
    placeholder: 'LIST',
    help: 'GPU ids for the replicas, comma-separated (e.g. 0,1)',
    allowed: 'a comma-separated list of GPU ids like 0,1',
    kind: 'list',
  },
};
