import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSharedCore } from '../../core/backend/native-binding.js';
import type { Logger } from '../../core/logger.js';
import type { Project } from './project.js';
import { SetupError } from './setup-error.js';
import { wheelPlan } from './wheel-plan.js';

/**
 * The tfjs-node package for a CPU or GPU set-up.
 *
 * @param gpu - whether the CUDA build is wanted.
 * @returns `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node`.
 */
export function nativePackageName(gpu: boolean): string {
  return wheelPlan(gpu).nativePackage;
}

/**
 * Makes sure the tfjs-node package is in the project's `node_modules` at gantry's tfjs version,
 * sharing gantry's tfjs-core. It is installed with `--no-save` (it is an optional peer
 * dependency, not part of the lockfile) and `--ignore-scripts` (its install script downloads
 * libtensorflow 2.9.1; gantry builds the binding itself).
 *
 * @param project - where gantry is installed.
 * @param gpu - whether to install the GPU package.
 * @param logger - where progress lines go.
 * @returns the package's folder.
 * @throws SetupError when npm fails or the package would bring a second tfjs-core.
 */
export function ensureNativePackage(project: Project, gpu: boolean, logger: Logger): string {
  const name = nativePackageName(gpu);
  const packageDir = join(project.root, 'node_modules', ...name.split('/'));
  if (installedVersion(packageDir) !== project.tfjsVersion) {
    logger.info(`setup: installing ${name}@${project.tfjsVersion} (without its download script)`);
    runNpmInstall(project, `${name}@${project.tfjsVersion}`);
  }
  if (installedVersion(packageDir) !== project.tfjsVersion) {
    throw new SetupError(
      `npm did not install ${name}@${project.tfjsVersion} into ${packageDir}; run ` +
        `\`npm install --no-save --save-optional --ignore-scripts ${name}@${project.tfjsVersion}\` ` +
        'and retry.',
    );
  }
  const foreignCore = checkSharedCore(join(packageDir, 'package.json'));
  if (foreignCore !== undefined) throw new SetupError(`${name}: ${foreignCore}.`);
  return packageDir;
}

function installedVersion(packageDir: string): string | undefined {
  const manifest = join(packageDir, 'package.json');
  if (!existsSync(manifest)) return undefined;
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version;
}

function runNpmInstall(project: Project, spec: string): void {
  // npm never installs a root's optional peer dependency, not even when named; as an optional
  // dependency it does, and --no-save keeps that out of package.json and the lockfile.
  const args = ['install', '--no-save', '--save-optional', '--ignore-scripts', spec];
  // Inside `npm run` / `npx`, reuse the npm that started us; otherwise the one on PATH.
  const npmCli = process.env['npm_execpath'];
  const [command, commandArgs] =
    npmCli !== undefined && npmCli.endsWith('.js')
      ? [process.execPath, [npmCli, ...args]]
      : ['npm', args];
  const result = spawnSync(command, commandArgs, {
    cwd: project.root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error !== undefined || result.status !== 0) {
    const detail = result.error?.message ?? result.stderr.trim().split('\n').slice(-3).join(' ');
    throw new SetupError(
      `\`npm ${args.join(' ')}\` failed in ${project.root} (${detail}). Check that npm can ` +
        `reach its registry, then retry.`,
    );
  }
}
