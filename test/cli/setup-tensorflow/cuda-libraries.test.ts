import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CUDA_LIBRARY_FOLDERS } from '../../../src/core/backend/gpu-diagnosis.js';
import {
  checkGpuLibrary,
  findCudaLibraries,
  readTensorflowBuild,
} from '../../../src/cli/setup-tensorflow/cuda-libraries.js';
import {
  readLibraryLayout,
  type TensorflowLibrary,
} from '../../../src/cli/setup-tensorflow/library-layout.js';
import { SetupError } from '../../../src/cli/setup-tensorflow/setup-error.js';
import { wheelPlan } from '../../../src/cli/setup-tensorflow/wheel-plan.js';
import { fakeLibrary, scratchDir } from './fixtures.js';

/** The build record TensorFlow 2.21's wheels carry, CPU or CUDA. */
function buildInfo(cuda: boolean): string {
  const entries = cuda
    ? "('cuda_version', '12.5.1'), ('cudnn_version', '9'), ('is_cuda_build', True)"
    : "('is_cuda_build', False)";
  return `build_info = collections.OrderedDict([${entries}, ('is_rocm_build', False)])\n`;
}

/** A fake site-packages with a wheel's tensorflow/ folder and, optionally, CUDA libraries. */
function wheel(options: { cuda: boolean; libraries?: readonly string[] }): TensorflowLibrary {
  const sitePackages = scratchDir();
  const packageDir = join(sitePackages, 'tensorflow');
  fakeLibrary(packageDir, 'wheel');
  mkdirSync(join(packageDir, 'python', 'platform'), { recursive: true });
  writeFileSync(join(packageDir, 'python', 'platform', 'build_info.py'), buildInfo(options.cuda));
  for (const folder of options.libraries ?? []) {
    mkdirSync(join(sitePackages, 'nvidia', folder, 'lib'), { recursive: true });
    writeFileSync(join(sitePackages, 'nvidia', folder, 'lib', `lib${folder}.so.12`), '');
  }
  const library = readLibraryLayout(packageDir, 'test');
  assert.ok(library !== undefined);
  return library;
}

describe('the GPU set-up plan', () => {
  it('installs tensorflow[and-cuda] into python-gpu and builds tfjs-node-gpu; the CPU one tensorflow-cpu alone', () => {
    assert.deepEqual(wheelPlan(true), {
      distribution: 'tensorflow',
      pipArguments: ['tensorflow[and-cuda]'],
      cacheFolder: 'python-gpu',
      nativePackage: '@tensorflow/tfjs-node-gpu',
    });
    assert.deepEqual(wheelPlan(false), {
      distribution: 'tensorflow-cpu',
      pipArguments: ['--no-deps', 'tensorflow-cpu'],
      cacheFolder: 'python',
      nativePackage: '@tensorflow/tfjs-node',
    });
  });

  it("reads a wheel's build record: CUDA and cuDNN versions, or none", () => {
    const gpu = wheel({ cuda: true });
    assert.deepEqual(readTensorflowBuild(join(gpu.framework, '..')), {
      cuda: true,
      cudaVersion: '12.5.1',
      cudnnVersion: '9',
    });
    assert.deepEqual(readTensorflowBuild(join(wheel({ cuda: false }).framework, '..')), {
      cuda: false,
    });
    assert.equal(readTensorflowBuild(scratchDir()), undefined, 'a tarball has none');
  });

  it("finds the CUDA libraries in site-packages/nvidia, where the wheel's run paths look", () => {
    const library = wheel({ cuda: true, libraries: CUDA_LIBRARY_FOLDERS });
    const found = findCudaLibraries(library);
    assert.equal(found.nvidiaDir, join(library.framework, '..', '..', 'nvidia'));
    assert.deepEqual(found.missing, []);
    assert.match(checkGpuLibrary(library) ?? '', /^CUDA 12\.5\.1, cuDNN 9, libraries in .*nvidia$/);
  });

  it('refuses a CUDA wheel without its libraries before building, naming the missing ones', () => {
    const library = wheel({ cuda: true, libraries: ['cuda_runtime', 'cublas'] });
    assert.throws(
      () => checkGpuLibrary(library),
      (error) =>
        error instanceof SetupError &&
        /CUDA 12\.5\.1 build, but the CUDA libraries it loads are not beside it: no cudnn, cufft, curand, cusolver, cusparse, nvjitlink, nccl/.test(
          error.message,
        ) &&
        /tensorflow\[and-cuda\]/.test(error.message),
    );
  });

  it("takes a CUDA wheel without nvidia/ when the system's loader has its CUDA runtime and cuDNN", () => {
    const library = wheel({ cuda: true });
    const system = ['libcudart.so.12', 'libcudnn.so.9', 'libz.so.1'];
    assert.match(
      checkGpuLibrary(library, () => system) ?? '',
      /libraries from the system's library path/,
    );
    assert.throws(
      () => checkGpuLibrary(library, () => ['libcudart.so.13']),
      /the system's library path has no libcudart\.so\.12, libcudnn\.so\.9/,
    );
  });

  it('refuses a CPU-only wheel for --gpu, and lets a libtensorflow tarball through', () => {
    assert.throws(() => checkGpuLibrary(wheel({ cuda: false })), /--gpu: .* is a CPU-only build/);
    const tarball = readLibraryLayout(fakeLibrary(scratchDir(), 'tarball'), 'test');
    assert.ok(tarball !== undefined);
    assert.equal(checkGpuLibrary(tarball), undefined);
  });
});
