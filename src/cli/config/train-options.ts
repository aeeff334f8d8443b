import { z } from 'zod';
import { CPU_BINDINGS } from '../../core/distributed/cpu-binding.js';
import { optimizerCatalog } from '../../core/optim/catalog.js';
import { datasetCatalog, PATH_DATASET } from '../../gan/data/catalog.js';
import { reportedMetrics } from '../../gan/evaluation/metric-catalog.js';
import { lossCatalog } from '../../gan/losses/catalog.js';
import { modelCatalog } from '../../gan/models/catalog.js';
import { catalogFlags, catalogSchemas } from './catalog-flags.js';
import type { FlagSpec } from './flag-spec.js';

/** What `--best-metric` may name: every value the metric catalog's entries report. */
const METRIC_NAMES = reportedMetrics().map(({ metric }) => metric) as [string, ...string[]];

/** The backends `--backend` names. */
export const BACKEND_NAMES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
/** How `--execution` runs each update (see `CompiledUpdates`). */
export const EXECUTION_MODES = ['eager', 'compiled', 'auto'] as const;

const count = z.int().min(1);
/** A period where 0 means never. */
const period = z.int().min(0);

/**
 * Everything `gantry train` accepts, as config-file keys (camelCase); each has a flag too
 * (kebab-case, see {@link TRAIN_FLAGS}). The names of models, losses and optimizers, and the
 * options of each (`gpWeight` of `wgan-gp`, `width` of `mlp`), come from their catalogs; all
 * of them sit side by side here, one key per option. Every key is optional here: defaults come
 * from the dataset's preset, then the config file, then the flags, each overriding the one
 * before.
 */
export const trainOptionsSchema = z
  .object({
    logdir: z.string().min(1),
    dataset: z.string().min(1),
    model: z.enum(modelCatalog.names),
    loss: z.enum(lossCatalog.names),
    steps: count,
    nCritic: count,
    batchSize: count,
    lrG: z.number().positive(),
    lrD: z.number().positive(),
    optimizer: z.enum(optimizerCatalog.names),
    ...catalogSchemas(optimizerCatalog),
    lrDecayStart: z.number().min(0).lt(1),
    ema: z.number().min(0).lt(1),
    ...catalogSchemas(lossCatalog),
    weightClip: z.number().min(0),
    ...catalogSchemas(modelCatalog),
    seed: z.int().min(0),
    backend: z.enum(BACKEND_NAMES),
    execution: z.enum(EXECUTION_MODES),
    threads: z.int().min(0),
    checkpointEvery: count,
    summaryEvery: count,
    histogramEvery: period,
    sampleEvery: count,
    evalEvery: period,
    evalSamples: count,
    bestMetric: z.enum(METRIC_NAMES),
    replicas: count,
    cpuBinding: z.enum(CPU_BINDINGS),
    replicaTimeout: count,
    devices: z.array(z.union([z.int().min(0), z.string().regex(/^\d+$/)]).transform(String)).min(1),
  })
  .partial()
  .strict();

/** The options as a config file or the flags give them: any subset. */
export type TrainOptions = z.output<typeof trainOptionsSchema>;
/** A key of {@link TrainOptions}, as written in config files. */
export type TrainOptionKey = keyof TrainOptions;

const counted = (flag: string, placeholder: string, help: string): FlagSpec => ({
  flag,
  placeholder,
  help,
  allowed: 'an integer ≥ 1',
  kind: 'integer',
});
const oneOf = (names: readonly string[]): string => `one of ${names.join(', ')}`;

/** The dataset of a run that names none. */
export const DEFAULT_DATASET = 'ring8';

/** The datasets `--dataset` takes by name; anything else is a path. */
const NAMED_DATASETS = datasetCatalog.names.filter((name) => name !== PATH_DATASET);

/** `ring8 (default), grid25, mnist, or a folder of images ...`, from the dataset catalog. */
function datasetHelp(): string {
  const names = NAMED_DATASETS.map((name) =>
    name === DEFAULT_DATASET ? `${name} (default)` : name,
  );
  return `${names.join(', ')}, or ${datasetCatalog.entry(PATH_DATASET).description}`;
}

/**
 * The flag of every option, in the order `gantry train --help` lists them; the options of
 * each catalog's entries sit in their catalog's place.
 */
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
    help: datasetHelp(),
    allowed: `${NAMED_DATASETS.join(', ')} or a path`,
    kind: 'text',
  },
  model: {
    flag: '--model',
    placeholder: 'NAME',
    help: `${oneOf(modelCatalog.names)}; default by dataset`,
    allowed: oneOf(modelCatalog.names),
    kind: 'text',
  },
  loss: {
    flag: '--loss',
    placeholder: 'NAME',
    help: `${oneOf(lossCatalog.names)}; default wgan-gp`,
    allowed: oneOf(lossCatalog.names),
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
    help: oneOf(optimizerCatalog.names),
    allowed: oneOf(optimizerCatalog.names),
    kind: 'text',
  },
  ...catalogFlags(optimizerCatalog),
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
  ...catalogFlags(lossCatalog),
  weightClip: {
    flag: '--weight-clip',
    placeholder: 'C',
    help: "clip the critic's weights to [-C, C] (wgan); 0 turns it off",
    allowed: 'a number ≥ 0',
    kind: 'number',
  },
  ...catalogFlags(modelCatalog),
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
    help: `${oneOf(BACKEND_NAMES)}; default auto: tensorflow when its binding is installed, else wasm`,
    allowed: oneOf(BACKEND_NAMES),
    kind: 'text',
  },
  execution: {
    flag: '--execution',
    placeholder: 'MODE',
    help:
      'eager: each update op by op; compiled: each update traced once and run as one ' +
      'TensorFlow function (tensorflow backend; an update that cannot be traced is an error); ' +
      'auto: compiled on tensorflow where the trace succeeds, else eager; default auto',
    allowed: oneOf(EXECUTION_MODES),
    kind: 'text',
  },
  threads: {
    flag: '--threads',
    placeholder: 'N',
    help:
      "threads the tensorflow backend computes with; 0: every core; default the preset's " +
      '(1 for the ring8 and grid25 WGAN-GP presets, whose small MLPs spend less CPU time on ' +
      'one), else 0',
    allowed: 'an integer ≥ 0',
    kind: 'integer',
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
      `the metric the best checkpoint is kept by (lowest or highest, as the metric catalog ` +
      `says): ${reportedMetrics()
        .map(({ metric, mode }) => `${metric} (${mode})`)
        .join(', ')}; default the dataset's headline metric`,
    allowed: `one of ${METRIC_NAMES.join(', ')}`,
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
  replicaTimeout: counted(
    '--replica-timeout',
    'S',
    'seconds a replica waits for the others (at start, and in each collective) before the run ' +
      'fails naming the silent one; default 300, which covers the chief evaluating',
  ),
  devices: {
    flag: '--devices',
    placeholder: 'LIST',
    help: 'GPU ids for the replicas, comma-separated (e.g. 0,1)',
    allowed: 'a comma-separated list of GPU ids like 0,1',
    kind: 'list',
  },
};
