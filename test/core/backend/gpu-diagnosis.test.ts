import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CUDA_LIBRARY_FOLDERS,
  whyNoGpu,
  type GpuProbe,
} from '../../../src/core/backend/gpu-diagnosis.js';

const PACKAGE = '/project/node_modules/@tensorflow/tfjs-node-gpu';

/** A machine with these files (each folder listing its files) and this environment. */
function machine(files: readonly string[], env: NodeJS.ProcessEnv = {}): GpuProbe {
  const folders = new Set(files.flatMap((file) => ancestors(file)));
  return {
    exists: (path) => files.includes(path) || folders.has(path),
    list: (path) =>
      files
        .filter((file) => file.startsWith(`${path}/`))
        .map((file) => file.slice(path.length + 1)),
    env,
  };
}

function ancestors(file: string): string[] {
  const parts = file.split('/');
  return parts.slice(1, -1).map((_, i) => parts.slice(0, i + 2).join('/'));
}

const ALL_LIBRARIES = CUDA_LIBRARY_FOLDERS.map(
  (folder) => `${PACKAGE}/deps/nvidia/${folder}/lib/lib${folder}.so.12`,
);

describe('whyNoGpu', () => {
  it('names CUDA_VISIBLE_DEVICES when it hides every GPU', () => {
    const probe = machine(['/dev/nvidiactl', ...ALL_LIBRARIES], { CUDA_VISIBLE_DEVICES: '-1' });
    assert.match(whyNoGpu(PACKAGE, probe), /CUDA_VISIBLE_DEVICES="-1" hides every GPU/);
  });

  it('says there is no driver on a machine without /dev/nvidiactl', () => {
    assert.match(whyNoGpu(PACKAGE, machine(ALL_LIBRARIES)), /no NVIDIA driver .*\/dev\/nvidiactl/);
  });

  it('names the CUDA libraries missing from the binding, or their whole folder', () => {
    const partial = machine(['/dev/nvidiactl', ...ALL_LIBRARIES.slice(0, 2)]);
    assert.match(
      whyNoGpu(PACKAGE, partial),
      /CUDA libraries are missing from .*deps\/nvidia: cudnn, cufft, curand, cusolver, cusparse, nvjitlink, nccl/,
    );
    assert.match(
      whyNoGpu(PACKAGE, machine(['/dev/nvidiactl'])),
      /no CUDA libraries of its own .*setup tensorflow --gpu/,
    );
  });

  it("points at TensorFlow's own log when driver and libraries are there", () => {
    const probe = machine(['/dev/nvidiactl', ...ALL_LIBRARIES]);
    assert.match(whyNoGpu(PACKAGE, probe), /TF_CPP_MIN_LOG_LEVEL=0/);
  });
});
