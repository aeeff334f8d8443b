import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Finds an executable on a `PATH`, the way a shell would, without running it.
 *
 * @param name - the program's name, e.g. `g++`.
 * @param env - the environment whose `PATH` is searched; default this process's.
 * @returns the program's full path, or `undefined` when no folder on `PATH` has it.
 */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const folder of (env['PATH'] ?? '').split(delimiter)) {
    if (folder === '') continue;
    const candidate = join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder; keep looking.
    }
  }
  return undefined;
}
