import { join, resolve } from 'node:path';
import type { Logger } from '../../core/logger.js';
import {
  describeMissingLayout,
  readLibraryLayout,
  type TensorflowLibrary,
} from './library-layout.js';
import {
  pipCommandFor,
  pipInstallTensorflow,
  probePython,
  type PythonTensorflow,
} from './python.js';
import { SetupError } from './setup-error.js';
import { wheelPlan } from './wheel-plan.js';

/** Where {@link findTensorflowLibrary} may look. */
export interface FindLibraryOptions {
  /** A folder given with `--from`; when set, nothing else is searched. */
  from?: string;
  /** Whether a GPU-enabled TensorFlow is wanted. */
  gpu: boolean;
  /** gantry's TensorFlow cache (`<project>/.cache/tensorflow`). */
  cacheDir: string;
  /** Python interpreter names to try; default `python3`, `python`. */
  pythonCommands?: readonly string[];
  /** Whether pip may install a wheel into the cache; default true. */
  allowPip?: boolean;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
}

/**
 * Finds a TensorFlow C API to build tfjs-node against: the `--from` folder; else the
 * TensorFlow of the Python on `PATH`; else one unpacked earlier into gantry's cache; else a
 * wheel that pip installs into that cache.
 *
 * @param options - where to look and where to log.
 * @returns the libraries and headers found.
 * @throws SetupError naming what was looked for and how to provide it.
 */
export function findTensorflowLibrary(options: FindLibraryOptions): TensorflowLibrary {
  if (options.from !== undefined) {
    const folder = resolve(options.from);
    const library = readLibraryLayout(folder, `--from ${folder}`);
    if (library === undefined) {
      throw new SetupError(
        `--from: ${describeMissingLayout(folder)}. Point --from at a libtensorflow tarball's ` +
          `extracted folder or at an installed wheel's tensorflow/ folder.`,
      );
    }
    return library;
  }
  const python = probePython(options.pythonCommands, options.env);
  const fromPython = libraryOfPython(python, options);
  if (fromPython !== undefined) return fromPython;
  const cacheTarget = join(options.cacheDir, wheelPlan(options.gpu).cacheFolder);
  const cached = readLibraryLayout(cacheTarget, `gantry's cache ${cacheTarget}`);
  if (cached !== undefined) return cached;
  return installIntoCache(python, cacheTarget, options);
}

function libraryOfPython(
  python: PythonTensorflow | undefined,
  options: FindLibraryOptions,
): TensorflowLibrary | undefined {
  if (python?.packageDir === undefined) return undefined;
  const distribution = python.distribution ?? 'tensorflow';
  if (options.gpu && distribution.includes('-cpu')) {
    options.logger.info(
      `setup: skipping ${python.python}'s ${distribution}: it has no GPU support`,
    );
    return undefined;
  }
  const origin = `${python.python} (${distribution})`;
  const library = readLibraryLayout(python.packageDir, origin);
  if (library === undefined) {
    options.logger.info(`setup: ${origin} has no C API library in ${python.packageDir}`);
  }
  return library;
}

function installIntoCache(
  python: PythonTensorflow | undefined,
  target: string,
  options: FindLibraryOptions,
): TensorflowLibrary {
  const advice =
    `Install a TensorFlow wheel (\`${pipCommandFor(options.gpu)}\`), or pass --from with a ` +
    `libtensorflow tarball's folder or a wheel's tensorflow/ folder.`;
  if (python === undefined) {
    throw new SetupError(
      `no TensorFlow found: there is no Python on PATH to ask or to run pip. ${advice}`,
    );
  }
  if (options.allowPip === false) {
    throw new SetupError(
      `no TensorFlow found: ${python.python} has no tensorflow package. ${advice}`,
    );
  }
  options.logger.info(`setup: installing a TensorFlow wheel with pip into ${target}`);
  const outcome = pipInstallTensorflow(python.python, target, options.gpu);
  if (!outcome.ok) {
    throw new SetupError(
      `no TensorFlow found: ${python.python} has no ${options.gpu ? 'CUDA-enabled ' : ''}` +
        `tensorflow package, and pip could not ` +
        `install one into ${target} (${outcome.reason}). ${advice}`,
    );
  }
  const library = readLibraryLayout(target, `gantry's cache ${target}`);
  if (library === undefined) {
    throw new SetupError(
      `pip installed into ${target}, but ${describeMissingLayout(target)}. ${advice}`,
    );
  }
  return library;
}
