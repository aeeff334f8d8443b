import { Command, Option } from 'commander';
import { consoleLogger } from '../../core/logger.js';
import { parseFlagValue } from '../config/flag-value.js';
import {
  TRAIN_FLAGS,
  type FlagSpec,
  type TrainOptionKey,
  type TrainOptions,
} from '../config/train-options.js';
import { runTrain } from '../train/run-train.js';

/**
 * `gantry train`: trains a GAN from flags and an optional config file (JSON or YAML), resuming
 * from the latest checkpoint in `--logdir`. Every flag is also a config-file key in camelCase
 * (`--n-critic` ↔ `nCritic`); values are validated the same way in both.
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
    .option('--config <FILE>', 'a JSON or YAML file of options (camelCase keys: nCritic: 5)');
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
