import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ofKind } from '../../core/events/of-kind.js';
import type { Hook } from '../../gan/hooks-runtime/hook.js';
import { writeFileAtomic } from '../../core/checkpoint/atomic-file.js';
import { readConfigFile } from '../config/config-file.js';
import type { ResolvedTrainConfig } from '../config/resolve-train-config.js';
import type { TrainOptions } from '../config/train-options.js';

/** The file in a logdir that holds the run's resolved config. */
export const RUN_CONFIG_FILE = 'config.json';

/**
 * Reads the resolved config an earlier run left in a logdir.
 *
 * @param logdir - the run's folder.
 * @returns its options, or `undefined` for a new run.
 * @throws UsageError when the file exists but is not a valid config.
 */
export function readRunConfig(logdir: string): TrainOptions | undefined {
  const path = join(logdir, RUN_CONFIG_FILE);
  return existsSync(path) ? readConfigFile(path) : undefined;
}

/**
 * Writes `<logdir>/config.json` atomically, so a crash never leaves half a config to resume from.
 *
 * @param config - the resolved config.
 * @returns when the file is durable.
 */
export async function writeRunConfig(config: ResolvedTrainConfig): Promise<void> {
  await mkdir(config.logdir, { recursive: true });
  const text = `${JSON.stringify(config, null, 2)}\n`;
  await writeFileAtomic(join(config.logdir, RUN_CONFIG_FILE), [Buffer.from(text, 'utf8')]);
}

/**
 * Writes `<logdir>/config.json` once training begins, that is after the trainer has accepted
 * the logdir's checkpoint: a config that cannot resume (another model shape) is refused before
 * `begin`, so it never overwrites the config the checkpoints were trained with.
 *
 * @param config - the resolved config.
 * @returns a chief-only hook; a failed write ends the run naming it.
 */
export function runConfigWriter(config: ResolvedTrainConfig): Hook {
  return {
    name: 'RunConfigWriter',
    chiefOnly: true,
    subscribe: (events$, context) =>
      events$.pipe(ofKind('begin')).subscribe(() => context.defer(() => writeRunConfig(config))),
  };
}
