import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import { readConfigFile } from '../config/config-file.js';
import { trainOptionsSchema, type TrainOptions } from '../config/train-options.js';
import { RUN_CONFIG_FILE } from '../train/run-config-file.js';

/**
 * The `gantry train` config of the run that wrote a checkpoint — how checkpoints that record no
 * generator topology are rebuilt: the config saved inside the checkpoint, else the run's
 * `config.json`, in `logdir` or two folders above the checkpoint
 * (`<logdir>/checkpoints/ckpt-N.safetensors`).
 *
 * @param manifest - the checkpoint's manifest.
 * @param logdir - the run's folder, if known.
 * @param path - the checkpoint file.
 * @returns the run's options (model family and sizes among them), or `undefined` when neither
 *   holds a `gantry train` config.
 * @throws UsageError when the `config.json` found is not a valid config.
 */
export function runConfigOf(
  manifest: CheckpointManifest,
  logdir: string | undefined,
  path: string,
): TrainOptions | undefined {
  const saved = trainOptionsSchema.safeParse(manifest.config);
  if (saved.success && saved.data.model !== undefined) return saved.data;
  const file = runConfigFileOf(logdir, path);
  return existsSync(file) ? readConfigFile(file) : undefined;
}

/**
 * Where {@link runConfigOf} looks for the run's `config.json`.
 *
 * @param logdir - the run's folder, if known.
 * @param path - the checkpoint file.
 * @returns the file's path.
 */
export function runConfigFileOf(logdir: string | undefined, path: string): string {
  return join(logdir ?? dirname(dirname(path)), RUN_CONFIG_FILE);
}
