import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';

/** A TensorFlow build's C API: the two shared libraries and the C headers. */
export interface TensorflowLibrary {
  /** The library that exports the C API (`libtensorflow.so.2` or a wheel's `libtensorflow_cc.so.2`). */
  cApi: string;
  /** `libtensorflow_framework.so.2`, which the C API library loads. */
  framework: string;
  /** The folder that holds `tensorflow/c/c_api.h`. */
  include: string;
  /** Where it was found, for the user: `--from`, the Python on PATH, or gantry's cache. */
  origin: string;
}

/** Names the C API library goes by: libtensorflow tarballs, then Python wheels. */
const C_API_NAMES = ['libtensorflow.so.2', 'libtensorflow_cc.so.2'];
const FRAMEWORK_NAME = 'libtensorflow_framework.so.2';
const HEADER = join('tensorflow', 'c', 'c_api.h');

/**
 * Reads a folder as one of the layouts TensorFlow ships its C API in: a libtensorflow tarball's
 * contents (`lib/`, `include/`), a wheel's package folder (`tensorflow/`: the libraries beside
 * `include/`), or the `site-packages` folder above it. Paths come back resolved, so links into
 * them keep working when a symlink in between moves.
 *
 * @param folder - the folder to look in.
 * @param origin - how the folder was found, kept for messages.
 * @returns the library, or `undefined` when the folder holds none of the layouts.
 */
export function readLibraryLayout(folder: string, origin: string): TensorflowLibrary | undefined {
  const candidates = [
    { libDir: join(folder, 'lib'), include: join(folder, 'include') },
    { libDir: folder, include: join(folder, 'include') },
    { libDir: join(folder, 'tensorflow'), include: join(folder, 'tensorflow', 'include') },
  ];
  for (const { libDir, include } of candidates) {
    const cApiName = C_API_NAMES.find((name) => existsSync(join(libDir, name)));
    const framework = join(libDir, FRAMEWORK_NAME);
    if (cApiName === undefined || !existsSync(framework) || !existsSync(join(include, HEADER))) {
      continue;
    }
    return {
      cApi: realpathSync(join(libDir, cApiName)),
      framework: realpathSync(framework),
      include: realpathSync(include),
      origin,
    };
  }
  return undefined;
}

/**
 * Says what a folder lacks to be a TensorFlow C API folder, for the `--from` error.
 *
 * @param folder - the folder that {@link readLibraryLayout} rejected.
 * @returns a sentence naming the files that were looked for.
 */
export function describeMissingLayout(folder: string): string {
  if (!existsSync(folder)) return `${folder} does not exist`;
  return (
    `${folder} holds no TensorFlow C API: expected ${C_API_NAMES.join(' or ')} and ` +
    `${FRAMEWORK_NAME} in lib/ (a libtensorflow tarball) or beside include/ (a wheel's ` +
    `tensorflow/ folder), with include/${HEADER}`
  );
}
