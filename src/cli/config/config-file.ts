import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { UsageError } from '../usage-error.js';
import { ownedBy } from './flag-spec.js';
import { closestName } from './suggest.js';
import {
  TRAIN_FLAGS,
  trainOptionsSchema,
  type TrainOptionKey,
  type TrainOptions,
} from './train-options.js';

/**
 * Reads a `gantry train` config file (JSON, or YAML for `.yaml`/`.yml`) and validates every key
 * against the options `gantry train` accepts.
 *
 * @example
 * ```yaml
 * # runs/wgan.yaml
 * dataset: mnist
 * loss: wgan
 * nCritic: 5
 * lrD: 5.0e-5
 * ```
 * @param path - the file.
 * @returns the options it sets.
 * @throws UsageError naming the file and each bad key, with what is allowed, e.g.
 *   `unknown key 'nCrtic' in runs/x.yaml (did you mean nCritic?)`; a key that is an option of
 *   catalog entries names them (`gpWeight ... (an option of loss wgan-gp)`).
 */
export function readConfigFile(path: string): TrainOptions {
  const parsed = parseText(readText(path), path);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new UsageError(`${path} must hold a mapping of option names to values, like nCritic: 5`);
  }
  const result = trainOptionsSchema.safeParse(parsed);
  if (result.success) return result.data;
  const values = parsed as Record<string, unknown>;
  throw new UsageError(result.error.issues.map((i) => describeIssue(i, values, path)).join('\n'));
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`--config ${path} cannot be read (${(error as Error).message})`);
  }
}

function parseText(text: string, path: string): unknown {
  try {
    return extname(path).toLowerCase() === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new UsageError(`${path} is not valid JSON or YAML: ${(error as Error).message}`);
  }
}

function describeIssue(
  issue: z.core.$ZodIssue,
  values: Record<string, unknown>,
  path: string,
): string {
  const allowedKeys = Object.keys(TRAIN_FLAGS);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => {
        const suggestion = closestName(key, allowedKeys);
        const hint =
          suggestion === undefined
            ? `allowed keys: ${allowedKeys.join(', ')}`
            : `did you mean ${suggestion}${ownedBy(TRAIN_FLAGS[suggestion as TrainOptionKey])}?`;
        return `unknown key '${key}' in ${path} (${hint})`;
      })
      .join('\n');
  }
  const key = String(issue.path[0]) as TrainOptionKey;
  const spec = TRAIN_FLAGS[key];
  return `${key} in ${path} must be ${spec.allowed}, got ${JSON.stringify(values[key])}${ownedBy(spec)}`;
}
