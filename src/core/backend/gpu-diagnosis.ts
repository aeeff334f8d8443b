import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The `nvidia/<folder>/lib` folders of the `nvidia-*-cu12` wheels that `tensorflow[and-cuda]`
 * installs and TensorFlow's GPU start-up loads (the runtime, cuBLAS, cuDNN, cuFFT, cuRAND,
 * cuSOLVER, cuSPARSE and the nvJitLink it needs) or its collectives use (NCCL). `gantry setup
 * tensorflow --gpu` links the wheel's `nvidia/` folder into the binding as `deps/nvidia`.
 */
export const CUDA_LIBRARY_FOLDERS = [
  'cuda_runtime',
  'cublas',
  'cudnn',
  'cufft',
  'curand',
  'cusolver',
  'cusparse',
  'nvjitlink',
  'nccl',
] as const;

/** What {@link whyNoGpu} looks at; the host's by default, a fake one in tests. */
export interface GpuProbe {
  exists(path: string): boolean;
  list(path: string): string[];
  env: NodeJS.ProcessEnv;
}

const hostProbe: GpuProbe = {
  exists: existsSync,
  list: (path) => readdirSync(path),
  env: process.env,
};

/**
 * Entries of {@link CUDA_LIBRARY_FOLDERS} whose `lib/` under `nvidiaDir` holds no shared library.
 *
 * @param nvidiaDir - a `site-packages/nvidia` folder, or a binding's `deps/nvidia`.
 * @param probe - the file system to look in.
 * @returns the missing folders' names, in the list's order.
 */
export function missingCudaLibraries(nvidiaDir: string, probe: GpuProbe = hostProbe): string[] {
  return CUDA_LIBRARY_FOLDERS.filter((folder) => {
    const lib = join(nvidiaDir, folder, 'lib');
    return !probe.exists(lib) || !probe.list(lib).some((file) => /\.so(\.\d+)*$/.test(file));
  });
}

/**
 * Says why TensorFlow, loaded through `@tensorflow/tfjs-node-gpu`, placed its eager context on
 * the CPU: every GPU hidden, no NVIDIA driver, or CUDA libraries missing from the binding (the
 * case `gantry setup tensorflow --gpu` refuses at build time, which reappears when the wheel's
 * `nvidia/` folder is removed later); else TensorFlow's own log has the reason.
 *
 * @param packageDir - the tfjs-node-gpu package folder (its `deps/` holds what setup staged).
 * @param probe - the environment and file system to look at.
 * @returns one sentence, for the backend's start-up line.
 */
export function whyNoGpu(packageDir: string, probe: GpuProbe = hostProbe): string {
  const visible = probe.env['CUDA_VISIBLE_DEVICES'];
  if (visible !== undefined && /^\s*(-1)?\s*$/.test(visible))
    return `CUDA_VISIBLE_DEVICES=${JSON.stringify(visible)} hides every GPU`;
  if (!probe.exists('/dev/nvidiactl'))
    return 'no NVIDIA driver is visible on this machine (no /dev/nvidiactl)';
  const nvidiaDir = join(packageDir, 'deps', 'nvidia');
  if (!probe.exists(nvidiaDir)) {
    return (
      `the binding has no CUDA libraries of its own (no ${nvidiaDir}), and TensorFlow did not ` +
      "find them on the system's library path; rerun `npx gantry setup tensorflow --gpu` with " +
      'a `tensorflow[and-cuda]` wheel'
    );
  }
  const missing = missingCudaLibraries(nvidiaDir, probe);
  if (missing.length > 0) {
    return (
      `CUDA libraries are missing from ${nvidiaDir}: ${missing.join(', ')}; reinstall ` +
      '`tensorflow[and-cuda]` and rerun `npx gantry setup tensorflow --gpu`'
    );
  }
  return (
    'the driver and the CUDA libraries are there, but TensorFlow registered no GPU (a driver ' +
    'too old for its CUDA version?); TF_CPP_MIN_LOG_LEVEL=0 shows its own reason'
  );
}
