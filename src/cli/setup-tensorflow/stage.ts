import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TensorflowLibrary } from './library-layout.js';
import { bindingExtensionsVersion } from './patch-binding.js';

/** The record of what was staged, kept in `deps/` so a second run can see it is in place. */
const STAMP = 'gantry-staged.json';

/**
 * Links a TensorFlow C API into a tfjs-node package's `deps/` folder under the names its
 * `binding.gyp` expects: `deps/include` for the headers, and in `deps/lib` the link-time names
 * `libtensorflow.so` / `libtensorflow_framework.so` plus the run-time names the libraries'
 * sonames ask for. Symlinks, never copies: the C API library alone is ~800 MB.
 *
 * A GPU wheel finds its CUDA libraries through run paths relative to itself
 * (`$ORIGIN/../nvidia/...`), and the loader takes `$ORIGIN` from the path it opened, which is
 * the link in `deps/lib`; so a `nvidia` folder beside the wheel is linked as `deps/nvidia`.
 *
 * @param packageDir - the tfjs-node package folder.
 * @param library - the libraries and headers to stage.
 */
export function stageLibrary(packageDir: string, library: TensorflowLibrary): void {
  const deps = join(packageDir, 'deps');
  rmSync(deps, { recursive: true, force: true });
  const lib = join(deps, 'lib');
  mkdirSync(lib, { recursive: true });
  symlinkSync(library.include, join(deps, 'include'));
  const cApiNames = new Set(['libtensorflow.so', 'libtensorflow.so.2', soname(library.cApi)]);
  for (const name of cApiNames) symlinkSync(library.cApi, join(lib, name));
  for (const name of ['libtensorflow_framework.so', 'libtensorflow_framework.so.2']) {
    symlinkSync(library.framework, join(lib, name));
  }
  const cuda = join(dirname(dirname(library.framework)), 'nvidia');
  if (existsSync(cuda)) symlinkSync(cuda, join(deps, 'nvidia'));
}

/**
 * Records in `deps/` that the binding was built against this library. Written only after a
 * successful build (staging removes it), so an interrupted build is redone on the next run.
 *
 * @param packageDir - the tfjs-node package folder.
 * @param library - the library the binding was built against.
 */
export function recordBuild(packageDir: string, library: TensorflowLibrary): void {
  const stamp = `${JSON.stringify(stampOf(library), null, 2)}\n`;
  writeFileSync(join(packageDir, 'deps', STAMP), stamp);
}

/**
 * Whether the binding was last built against exactly this library (same files, same headers)
 * and with gantry's current binding extensions.
 *
 * @param packageDir - the tfjs-node package folder.
 * @param library - the library the set-up would stage.
 * @returns true when staging and building again would change nothing.
 */
export function isBuiltAgainst(packageDir: string, library: TensorflowLibrary): boolean {
  const stampPath = join(packageDir, 'deps', STAMP);
  if (!existsSync(stampPath) || !existsSync(join(packageDir, 'deps', 'include'))) return false;
  const staged = readFileSync(stampPath, 'utf8');
  return staged.trim() === JSON.stringify(stampOf(library), null, 2);
}

function stampOf(library: TensorflowLibrary): Omit<TensorflowLibrary, 'origin'> & {
  extensions: string;
} {
  return {
    cApi: library.cApi,
    framework: library.framework,
    include: library.include,
    extensions: bindingExtensionsVersion(),
  };
}

/** `libtensorflow_cc.so.2.21.0` → `libtensorflow_cc.so.2`: the name a soname uses. */
function soname(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  const match = /^(.*\.so\.\d+)/.exec(file);
  return match?.[1] ?? file;
}
