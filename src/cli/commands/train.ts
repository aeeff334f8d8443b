import { Command, Option } from 'commander';
import { consoleLogger } from '../../core/logger.js';
import { optimizerCatalog } from '../../core/optim/catalog.js';
import { datasetCatalog, PATH_DATASET } from '../../gan/data/catalog.js';
import { lossCatalog } from '../../gan/losses/catalog.js';
import { modelCatalog } from '../../gan/models/catalog.js';
import { catalogHelp, type HelpCatalog } from '../config/catalog-help.js';
import { parseFlagValue } from '../config/flag-value.js';
import type { FlagSpec } from '../config/flag-spec.js';
import { TRAIN_FLAGS, type TrainOptionKey, type TrainOptions } from '../config/train-options.js';
import { runTrain } from '../train/run-train.js';

/** The catalogs whose entries `gantry train --help` lists, with the flag that picks one. */
export const TRAIN_CATALOGS: readonly HelpCatalog[] = [
  { catalog: datasetCatalog, flag: '--dataset', shownAs: { [PATH_DATASET]: 'PATH' } },
  { catalog: modelCatalog, flag: '--model' },
  { catalog: lossCatalog, flag: '--loss' },
  { catalog: optimizerCatalog, flag: '--optimizer' },
];

/**
 * `gantry train`: trains a GAN from flags and an optional config file (JSON or YAML), resuming
 * from the latest checkpoint in `--logdir`. Every flag is also a config-file key in camelCase
 * (`--n-critic` ↔ `nCritic`); values are validated the same way in both. The help lists every
 * dataset, model, loss and optimizer of the catalogs, with the flags of their options.
 *
 * @example
 * ```sh
 * gantry train --logdir runs/ring8 --dataset ring8 --loss wgan-gp --steps 2000
 * gantry train --config runs/wgan.yaml --logdir runs/wgan --steps 200   # resumes at 100
 * ```
 * @returns the `train` command, ready to add to the program.
 */
export function trainCommand(): Command {
  const command = new Command('train')
    .description(
      'train a GAN; resumes from the latest checkpoint in --logdir. Flags override the ' +
        '--config file, which overrides the resumed run and the dataset preset',
    )
    .option('--config <FILE>', 'a JSON or YAML file of options (camelCase keys: nCritic: 5)')
    .addHelpText('after', catalogHelp(TRAIN_CATALOGS));
  for (const [key, spec] of Object.entries(TRAIN_FLAGS) as [TrainOptionKey, FlagSpec][]) {
    command.addOption(
      new Option(`${spec.flag} <${spec.placeholder}>`, spec.help).argParser((raw) =>
        parseFlagValue(key, raw),
      ),
    );
  }
  return command.action(async (options: TrainOptions & { config?: string }) => {
    const { config, ...flags } = options;
    process.exitCode = await runTrain({ flags, configFile: config }, consoleLogger);
  });
}
