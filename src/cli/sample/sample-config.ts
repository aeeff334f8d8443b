import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import { readConfigFile } from '../config/config-file.js';
import { trainOptionsSchema, type TrainOptions } from '../config/train-options.js';
import { RUN_CONFIG_FILE } from '../train/run-config-file.js';
import { UsageError } from '../usage-error.js';

/**
 * The config of the run that wrote a checkpoint: the `gantry train` config saved inside it, else
 * the run's `config.json` — in `logdir`, or two folders above the checkpoint
 * (`<logdir>/checkpoints/ckpt-N.safetensors`).
 *
 * @param manifest - the checkpoint's manifest.
 * @param logdir - the run's folder, if known.
 * @param path - the checkpoint file, for messages.
 * @returns the run's options (model family and sizes among them).
 * @throws UsageError when none holds a `gantry train` config.
 */
export function runConfigOf(
  manifest: CheckpointManifest,
  logdir: string | undefined,
  path: string,
): TrainOptions {
  const saved = trainOptionsSchema.safeParse(manifest.config);
  if (saved.success && saved.data.model !== undefined) return saved.data;
  const file = join(logdir ?? dirname(dirname(path)), RUN_CONFIG_FILE);
  if (existsSync(file)) return readConfigFile(file);
  throw new UsageError(
    `${path} holds no gantry train config to rebuild the generator from, and there is no ` +
      `${file}; pass --logdir with the run's folder (its ${RUN_CONFIG_FILE})`,
  );
}
