import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { missingCudaLibraries } from '../../core/backend/gpu-diagnosis.js';
import type { TensorflowLibrary } from './library-layout.js';
import { SetupError } from './setup-error.js';

/** What a TensorFlow wheel says about its own build (`tensorflow/python/platform/build_info.py`). */
export interface TensorflowBuild {
  cuda: boolean;
  /** e.g. `12.5.1`, for a CUDA build. */
  cudaVersion?: string;
  cudnnVersion?: string;
}

/**
 * Reads a wheel's build record.
 *
 * @param packageDir - the wheel's `tensorflow/` folder.
 * @returns what it records, or `undefined` for a folder without one (a libtensorflow tarball).
 */
export function readTensorflowBuild(packageDir: string): TensorflowBuild | undefined {
  const file = join(packageDir, 'python', 'platform', 'build_info.py');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const value = (key: string) => new RegExp(`'${key}', '([^']*)'`).exec(text)?.[1];
  const cudaVersion = value('cuda_version');
  const cudnnVersion = value('cudnn_version');
  return {
    cuda: /'is_cuda_build', True/.test(text),
    ...(cudaVersion !== undefined && { cudaVersion }),
    ...(cudnnVersion !== undefined && { cudnnVersion }),
  };
}

/** Where a wheel's CUDA libraries are, and which of them are absent. */
export interface CudaLibraries {
  /** `site-packages/nvidia`, beside the wheel's `tensorflow/` folder. */
  nvidiaDir: string;
  /** Entries of `CUDA_LIBRARY_FOLDERS` whose `lib/` holds no shared library. */
  missing: string[];
}

/**
 * Finds the CUDA libraries of the `nvidia-*` wheels beside a TensorFlow wheel, where its run
 * paths (`$ORIGIN/../nvidia/<library>/lib`) look; `stageLibrary` links that folder into the
 * binding's `deps/`, so the same relative paths resolve from there.
 *
 * @param library - the TensorFlow C API found.
 * @returns the folder and what it lacks.
 */
export function findCudaLibraries(library: TensorflowLibrary): CudaLibraries {
  const nvidiaDir = join(dirname(dirname(library.framework)), 'nvidia');
  return { nvidiaDir, missing: missingCudaLibraries(nvidiaDir) };
}

/**
 * The shared libraries the system's loader finds by name: those in `LD_LIBRARY_PATH`'s folders
 * and in `ldconfig -p`'s cache (where a CUDA installed outside pip, e.g. in a container, is).
 *
 * @param env - the environment whose `LD_LIBRARY_PATH` is read.
 * @returns file names such as `libcudart.so.12`.
 */
export function systemLibraryNames(env: NodeJS.ProcessEnv = process.env): string[] {
  const names: string[] = [];
  for (const folder of (env['LD_LIBRARY_PATH'] ?? '').split(':')) {
    if (folder !== '' && existsSync(folder)) names.push(...readdirSync(folder));
  }
  const cache = spawnSync('ldconfig', ['-p'], { encoding: 'utf8' });
  if (cache.status === 0)
    names.push(...cache.stdout.split('\n').flatMap((line) => /^\s+(\S+)/.exec(line)?.[1] ?? []));
  return names;
}

/**
 * Checks, before anything is built, that a library found for `--gpu` can use a GPU: a wheel must
 * be a CUDA build, with its CUDA libraries beside it (`tensorflow[and-cuda]`) or, when it has no
 * `nvidia/` folder at all, a CUDA runtime and cuDNN of its versions on the system's library
 * path. A libtensorflow tarball records neither and loads CUDA from the system; it passes
 * (`undefined`) and the verification says whether TensorFlow found a GPU.
 *
 * @param library - the TensorFlow C API found.
 * @param systemLibraries - what the loader finds by name ({@link systemLibraryNames}).
 * @returns a line describing the CUDA build, or `undefined` for a tarball.
 * @throws SetupError naming a CPU-only wheel, or the CUDA libraries a GPU wheel lacks and how to
 *   install them.
 */
export function checkGpuLibrary(
  library: TensorflowLibrary,
  systemLibraries: () => readonly string[] = systemLibraryNames,
): string | undefined {
  const packageDir = dirname(library.framework);
  const build = readTensorflowBuild(packageDir);
  if (build === undefined) return undefined;
  if (!build.cuda) {
    throw new SetupError(
      `--gpu: the TensorFlow from ${library.origin} (${packageDir}) is a CPU-only build; ` +
        "install the CUDA one (`pip install 'tensorflow[and-cuda]'`) or pass --from with a GPU " +
        'libtensorflow.',
    );
  }
  const versions = `CUDA ${build.cudaVersion ?? '?'}, cuDNN ${build.cudnnVersion ?? '?'}`;
  const { nvidiaDir, missing } = findCudaLibraries(library);
  if (missing.length === 0) return `${versions}, libraries in ${nvidiaDir}`;
  const system = existsSync(nvidiaDir) ? [] : missingFromSystem(build, systemLibraries());
  if (!existsSync(nvidiaDir) && system.length === 0)
    return `${versions}, libraries from the system's library path`;
  throw new SetupError(
    `--gpu: the TensorFlow from ${library.origin} is a CUDA ${build.cudaVersion ?? ''} build, ` +
      `but the CUDA libraries it loads are not beside it: no ${missing.join(', ')} in ` +
      `${nvidiaDir}/<library>/lib` +
      (system.length > 0 ? `, and the system's library path has no ${system.join(', ')}` : '') +
      ". Install them into the same site-packages (`pip install 'tensorflow[and-cuda]'` brings " +
      'the nvidia-*-cu12 wheels), or pass --from.',
  );
}

/** The CUDA runtime and cuDNN of the build's major versions that the system's loader lacks. */
function missingFromSystem(build: TensorflowBuild, names: readonly string[]): string[] {
  const major = (version: string | undefined) => version?.split('.')[0] ?? '';
  const wanted = [
    `libcudart.so.${major(build.cudaVersion)}`,
    `libcudnn.so.${major(build.cudnnVersion)}`,
  ];
  return wanted.filter((name) => !names.includes(name));
}
