import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STDERR_CAPTURE_FOLDER } from '../../core/backend/stderr-capture.js';
import type { BuildTools } from './build-tools.js';
import { SetupError } from './setup-error.js';

/** gantry's C sources of the addon: `native/stderr-capture` at the package root. */
const SOURCE_DIR = fileURLToPath(new URL('../../../native/stderr-capture/', import.meta.url));
const SOURCES = ['binding.gyp', 'stderr_capture.c'];

/**
 * The addon's path once built inside a tfjs-node package.
 *
 * @param packageDir - the tfjs-node package folder.
 * @returns where `withNativeStderrCaptured` loads it from.
 */
export function stderrCaptureFile(packageDir: string): string {
  return join(packageDir, STDERR_CAPTURE_FOLDER, 'build', 'Release', 'stderr_capture.node');
}

/**
 * Builds the small addon that lets gantry hold back TensorFlow's load-time log (see
 * `native/stderr-capture`), inside the tfjs-node package so that it goes with the binding
 * when npm removes the package.
 *
 * @param packageDir - the tfjs-node package folder.
 * @param tools - node-gyp and the Node headers folder.
 * @returns the built `.node` file.
 * @throws SetupError with the compiler's last lines when the build fails.
 */
export function buildStderrCapture(packageDir: string, tools: BuildTools): string {
  const buildDir = join(packageDir, STDERR_CAPTURE_FOLDER);
  mkdirSync(buildDir, { recursive: true });
  for (const file of SOURCES) copyFileSync(join(SOURCE_DIR, file), join(buildDir, file));
  const result = spawnSync(
    process.execPath,
    [tools.nodeGyp, 'rebuild', `--nodedir=${tools.nodeDir}`],
    { cwd: buildDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const file = stderrCaptureFile(packageDir);
  if (result.status !== 0 || !existsSync(file)) {
    const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-8);
    throw new SetupError(
      `node-gyp could not build gantry's stderr capture in ${buildDir}:\n  ${tail.join('\n  ')}`,
    );
  }
  return file;
}
