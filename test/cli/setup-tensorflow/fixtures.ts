import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway folder for one test.
 *
 * @returns its path.
 */
export function scratchDir(): string {
  return mkdtempSync(join(tmpdir(), 'gantry-setup-'));
}

/**
 * Writes the files of a TensorFlow C API layout (empty: only their names matter to the finder).
 *
 * @param root - the folder to write into.
 * @param kind - `tarball` (`lib/libtensorflow.so.2`) or `wheel` (`libtensorflow_cc.so.2` beside `include/`).
 * @returns `root`.
 */
export function fakeLibrary(root: string, kind: 'tarball' | 'wheel'): string {
  const libDir = kind === 'tarball' ? join(root, 'lib') : root;
  mkdirSync(join(root, 'include', 'tensorflow', 'c'), { recursive: true });
  mkdirSync(libDir, { recursive: true });
  writeFileSync(join(root, 'include', 'tensorflow', 'c', 'c_api.h'), '');
  const cApi = kind === 'tarball' ? 'libtensorflow.so.2' : 'libtensorflow_cc.so.2';
  writeFileSync(join(libDir, cApi), '');
  writeFileSync(join(libDir, 'libtensorflow_framework.so.2'), '');
  return root;
}

/**
 * Writes a stand-in for a Python interpreter into `folder`: it answers gantry's probe with
 * `probeAnswer`, and fails `python -m pip ...` the way pip does when no index has the wheel.
 *
 * @param folder - a folder to put on `PATH`.
 * @param probeAnswer - the JSON line the probe prints.
 */
export function fakePython(folder: string, probeAnswer: object): void {
  const path = join(folder, 'python3');
  const script = [
    '#!/bin/sh',
    'if [ "$1" = "-m" ]; then',
    '  echo "ERROR: No matching distribution found for tensorflow-cpu" >&2',
    '  exit 1',
    'fi',
    `echo '${JSON.stringify(probeAnswer)}'`,
  ];
  writeFileSync(path, `${script.join('\n')}\n`);
  chmodSync(path, 0o755);
}
