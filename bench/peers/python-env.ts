import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { failureReason, runChild } from '../process.js';

/** The repository root (bench/peers/ is two levels down). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The benchmark's own virtual environment; never the user's Python. */
export const VENV_DIR = join(REPO_ROOT, '.cache', 'bench-venv');

/** A Python framework with a peer script in bench/python. */
export interface PythonFramework {
  name: 'pytorch' | 'tensorflow';
  /** What `import` checks. */
  module: string;
  /** What pip installs when the import fails. */
  pipPackage: string;
  /** The peer script, relative to bench/python. */
  script: string;
}

/** The frameworks `npm run bench` compares against. */
export const PYTHON_FRAMEWORKS: readonly PythonFramework[] = [
  { name: 'pytorch', module: 'torch', pipPackage: 'torch', script: 'torch_peer.py' },
  { name: 'tensorflow', module: 'tensorflow', pipPackage: 'tensorflow-cpu', script: 'tf_peer.py' },
];

/** A framework ready to run (the venv's interpreter), or why it is not. */
export type PythonStatus = { python: string } | { unavailable: string };

const PIP_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * Makes sure the venv exists and can import `framework`, installing it with pip when allowed.
 * pip uses its own configuration (index, mirror, find-links); a failure becomes a reason.
 *
 * @param framework - what to import and install.
 * @param install - whether pip may install a missing package.
 * @returns the interpreter to run the peer with, or why the framework is unavailable.
 */
export async function preparePython(
  framework: PythonFramework,
  install: boolean,
): Promise<PythonStatus> {
  const python = join(VENV_DIR, 'bin', 'python');
  if (!existsSync(python)) {
    if (!install) return { unavailable: `no venv at ${VENV_DIR} (run without --no-install)` };
    process.stderr.write(`creating ${VENV_DIR}\n`);
    const created = await runChild('python3', ['-m', 'venv', VENV_DIR]);
    if (created.code !== 0) return { unavailable: `python3 -m venv: ${failureReason(created)}` };
  }
  if (await imports(python, framework.module)) return { python };
  if (!install) return { unavailable: `${framework.module} is not installed in ${VENV_DIR}` };
  process.stderr.write(`installing ${framework.pipPackage} into ${VENV_DIR} (pip)…\n`);
  const pip = await runChild(
    python,
    ['-m', 'pip', 'install', '--disable-pip-version-check', framework.pipPackage],
    { timeoutMs: PIP_TIMEOUT_MS },
  );
  if (pip.code !== 0)
    return { unavailable: `pip install ${framework.pipPackage}: ${failureReason(pip)}` };
  return (await imports(python, framework.module))
    ? { python }
    : { unavailable: `${framework.module} installed but does not import` };
}

async function imports(python: string, module: string): Promise<boolean> {
  const result = await runChild(python, ['-c', `import ${module}`]);
  return result.code === 0;
}
