import { DEFAULT_DATASET, type TrainOptions } from './train-options.js';
import { UsageError } from '../usage-error.js';
import { trainDefaults, type TrainDefaults } from './train-defaults.js';

/**
 * The config a run trains with, every option filled in (the model-specific ones for its model);
 * written as `<logdir>/config.json`.
 */
export type ResolvedTrainConfig = TrainDefaults & { logdir: string; dataset: string } & Pick<
    TrainOptions,
    'devices' | 'bestMetric'
  >;

/** The layers a run's config is merged from, lowest priority first after the preset. */
export interface TrainConfigLayers {
  /** `<logdir>/config.json` of the run being resumed, if any. */
  previous?: TrainOptions;
  /** The `--config` file. */
  file?: TrainOptions;
  /** The flags given on the command line. */
  flags: TrainOptions;
}

/**
 * Merges a run's config: the preset for its dataset and loss, then the config of the run being
 * resumed, then the `--config` file, then the flags — each overriding the one before, so a
 * resumed run keeps its dataset and hyperparameters unless a flag changes them.
 *
 * @param layers - the previous run's config, the file and the flags.
 * @returns the resolved config.
 * @throws UsageError when no layer names a logdir.
 */
export function resolveTrainConfig(layers: TrainConfigLayers): ResolvedTrainConfig {
  const given = { ...layers.previous, ...layers.file, ...dropUndefined(layers.flags) };
  if (given.logdir === undefined) {
    throw new UsageError('gantry train needs --logdir DIR (or logdir in the --config file)');
  }
  const dataset = given.dataset ?? DEFAULT_DATASET;
  const defaults = trainDefaults({ dataset, loss: given.loss, model: given.model });
  return { ...defaults, ...given, dataset, logdir: given.logdir };
}

function dropUndefined(options: TrainOptions): TrainOptions {
  return Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as TrainOptions;
}
