import { spawnSync } from 'node:child_process';
import { findOnPath } from './find-on-path.js';
import { wheelPlan } from './wheel-plan.js';

/** A Python interpreter and the TensorFlow package folder it would import, if any. */
export interface PythonTensorflow {
  python: string;
  /** The `tensorflow` package folder, when this Python has one. */
  packageDir?: string;
  /** The distribution that installed it (`tensorflow`, `tensorflow-cpu`, ...) and its version. */
  distribution?: string;
}

/** Distributions that provide the `tensorflow` package, GPU-capable ones first. */
const DISTRIBUTIONS = ['tensorflow', 'tf-nightly', 'tensorflow-cpu', 'tf-nightly-cpu'];

// Locates the package without importing it: importing TensorFlow takes seconds and logs.
const PROBE = `
import importlib.util, importlib.metadata, json, os
spec = importlib.util.find_spec("tensorflow")
folder = None
if spec is not None and spec.submodule_search_locations:
    folder = list(spec.submodule_search_locations)[0]
dist = None
for name in ${JSON.stringify(DISTRIBUTIONS)}:
    try:
        dist = name + " " + importlib.metadata.version(name)
        break
    except importlib.metadata.PackageNotFoundError:
        pass
print(json.dumps({"packageDir": folder, "distribution": dist}))
`;

/**
 * Finds the first Python on `PATH` among `commands` and asks it where its TensorFlow is.
 *
 * @param commands - interpreter names to try in order; default `python3`, then `python`.
 * @param env - the environment to search and run in.
 * @returns the interpreter and its TensorFlow, or `undefined` when no interpreter runs.
 */
export function probePython(
  commands: readonly string[] = ['python3', 'python'],
  env: NodeJS.ProcessEnv = process.env,
): PythonTensorflow | undefined {
  for (const command of commands) {
    const python = findOnPath(command, env);
    if (python === undefined) continue;
    const result = spawnSync(python, ['-c', PROBE], { env, encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) continue;
    const found = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
      packageDir: string | null;
      distribution: string | null;
    };
    return {
      python,
      ...(found.packageDir !== null && { packageDir: found.packageDir }),
      ...(found.distribution !== null && { distribution: found.distribution }),
    };
  }
  return undefined;
}

/** What {@link pipInstallTensorflow} did. */
export type PipOutcome = { ok: true } | { ok: false; reason: string };

/**
 * Unpacks a TensorFlow wheel into `target` with `pip install --target`, never into the
 * interpreter's own `site-packages`, as {@link wheelPlan} says: the CPU wheel alone (only its
 * shared library is used); the GPU one with its dependencies, which bring the CUDA libraries it
 * loads.
 *
 * @param python - the interpreter whose pip (and package index configuration) to use.
 * @param target - the folder to unpack into.
 * @param gpu - whether to install `tensorflow[and-cuda]` instead of `tensorflow-cpu`.
 * @returns whether pip succeeded, and if not its last lines of output.
 */
export function pipInstallTensorflow(python: string, target: string, gpu: boolean): PipOutcome {
  const args = ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input'];
  args.push('--upgrade', '--target', target);
  args.push(...wheelPlan(gpu).pipArguments);
  const result = spawnSync(python, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status === 0) return { ok: true };
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n');
  return {
    ok: false,
    reason: output.slice(-3).join(' ') || `exit status ${String(result.status)}`,
  };
}

/**
 * The pip command a user would run themselves, for messages.
 *
 * @param gpu - whether the GPU wheel is meant.
 * @returns e.g. `pip install tensorflow-cpu`.
 */
export function pipCommandFor(gpu: boolean): string {
  return gpu ? "pip install 'tensorflow[and-cuda]'" : 'pip install tensorflow-cpu';
}
