import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The version of the running gantry, read once from its package.json. The file is found by
 * walking up from this module, so it works from the TypeScript sources (tsx) and from `dist/`.
 *
 * @returns the `version` field, or `unknown` when gantry runs without its package.json (bundled).
 */
export function gantryVersion(): string {
  cached ??= findVersion(dirname(fileURLToPath(import.meta.url)));
  return cached;
}

function findVersion(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const found = readPackage(join(dir, 'package.json'));
    if (found !== undefined) return found;
    if (dirname(dir) === dir) return 'unknown';
  }
}

function readPackage(path: string): string | undefined {
  try {
    const pkg: unknown = JSON.parse(readFileSync(path, 'utf8'));
    const { name, version } = (pkg ?? {}) as { name?: unknown; version?: unknown };
    return name === 'gantry' && typeof version === 'string' ? version : undefined;
  } catch {
    return undefined;
  }
}
