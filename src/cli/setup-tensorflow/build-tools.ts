import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findOnPath } from './find-on-path.js';
import { SetupError } from './setup-error.js';

/** What node-gyp needs to build the binding offline. */
export interface BuildTools {
  /** node-gyp's entry script, run with this Node. */
  nodeGyp: string;
  /** A folder with Node's C headers in `include/node`, so node-gyp downloads none. */
  nodeDir: string;
}

/**
 * Finds node-gyp, a C++ tool chain and Node's headers, and says which is missing.
 *
 * @param env - the environment to search (`PATH`, `npm_config_*`).
 * @returns node-gyp's script and the headers folder.
 * @throws SetupError naming each missing tool and how to install it.
 */
export function findBuildTools(env: NodeJS.ProcessEnv = process.env): BuildTools {
  const missing = ['make', 'g++', 'python3'].filter((tool) => findOnPath(tool, env) === undefined);
  if (missing.length > 0) {
    throw new SetupError(
      `building the TensorFlow binding needs ${missing.join(', ')} on PATH, which ` +
        `${missing.length === 1 ? 'is' : 'are'} missing. Install build tools (Debian/Ubuntu: ` +
        '`apt-get install build-essential python3`; Fedora: `dnf install gcc-c++ make python3`).',
    );
  }
  const nodeGyp = findNodeGyp(env);
  if (nodeGyp === undefined) {
    throw new SetupError(
      "node-gyp was not found (neither npm_config_node_gyp, npm's bundled copy, nor PATH). " +
        'Run the set-up through npm (`npx gantry setup tensorflow`) or install node-gyp.',
    );
  }
  const nodeDir = findNodeHeaders(env);
  if (nodeDir === undefined) {
    throw new SetupError(
      `Node's C headers (include/node/node_api.h) were not found for ${process.version}, and ` +
        "node-gyp would download them. Install them (your distribution's nodejs-dev package, " +
        "or Node's headers tarball) and run `npm config set nodedir <folder with include/node>`.",
    );
  }
  return { nodeGyp, nodeDir };
}

function findNodeGyp(env: NodeJS.ProcessEnv): string | undefined {
  const fromNpm = env['npm_config_node_gyp'];
  if (fromNpm !== undefined && existsSync(fromNpm)) return fromNpm;
  const npmCli = env['npm_execpath'] ?? resolveLink(findOnPath('npm', env));
  if (npmCli !== undefined) {
    const bundled = join(
      dirname(dirname(npmCli)),
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    if (existsSync(bundled)) return bundled;
  }
  return resolveLink(findOnPath('node-gyp', env));
}

function findNodeHeaders(env: NodeJS.ProcessEnv): string | undefined {
  const candidates = [
    env['npm_config_nodedir'],
    readNpmConfig('nodedir', env),
    dirname(dirname(process.execPath)),
  ];
  return candidates.find(
    (folder) => folder !== undefined && existsSync(join(folder, 'include', 'node', 'node_api.h')),
  );
}

function readNpmConfig(key: string, env: NodeJS.ProcessEnv): string | undefined {
  const result = spawnSync('npm', ['config', 'get', key], { env, encoding: 'utf8' });
  const value = result.status === 0 ? result.stdout.trim() : '';
  return value === '' || value === 'undefined' || value === 'null' ? undefined : value;
}

function resolveLink(path: string | undefined): string | undefined {
  return path === undefined ? undefined : realpathSync(path);
}
