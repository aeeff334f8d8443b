import { existsSync, readFileSync } from 'node:fs';
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
 * Checks, before anything is built, that a library found for `--gpu` can use a GPU: a wheel must
 * be a CUDA build and have its CUDA libraries beside it. A libtensorflow tarball records neither
 * and loads CUDA from the system's library path; it passes (`undefined`) and the verification
 * says whether TensorFlow found a GPU.
 *
 * @param library - the TensorFlow C API found.
 * @returns a line describing the CUDA build, or `undefined` for a tarball.
 * @throws SetupError naming a CPU-only wheel, or the CUDA libraries a GPU wheel lacks and how to
 *   install them.
 */
export function checkGpuLibrary(library: TensorflowLibrary): string | undefined {
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
  const { nvidiaDir, missing } = findCudaLibraries(library);
  if (missing.length > 0) {
    throw new SetupError(
      `--gpu: the TensorFlow from ${library.origin} is a CUDA ${build.cudaVersion ?? ''} build, ` +
        `but the CUDA libraries it loads are not beside it: no ${missing.join(', ')} in ` +
        `${nvidiaDir}/<library>/lib. Install them into the same site-packages ` +
        "(`pip install 'tensorflow[and-cuda]'` brings the nvidia-*-cu12 wheels), or pass --from.",
    );
  }
  return `CUDA ${build.cudaVersion ?? '?'}, cuDNN ${build.cudnnVersion ?? '?'}, libraries in ${nvidiaDir}`;
}
