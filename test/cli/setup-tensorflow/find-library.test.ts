import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { findTensorflowLibrary } from '../../../src/cli/setup-tensorflow/find-library.js';
import { SetupError } from '../../../src/cli/setup-tensorflow/setup-error.js';
import { silentLogger } from '../../../src/core/logger.js';
import { fakeLibrary, fakePython, scratchDir } from './fixtures.js';

/** A PATH holding only a fake `python3` that answers gantry's probe with `answer`. */
function pythonAnswering(answer: {
  packageDir: string | null;
  distribution: string | null;
}): NodeJS.ProcessEnv {
  const bin = scratchDir();
  fakePython(bin, answer);
  return { PATH: bin };
}

const noTensorflow = { packageDir: null, distribution: null };

describe('findTensorflowLibrary', () => {
  it('uses the --from folder and nothing else', () => {
    const from = fakeLibrary(scratchDir(), 'tarball');
    const library = findTensorflowLibrary({
      from,
      gpu: false,
      cacheDir: scratchDir(),
      env: { PATH: '' },
      logger: silentLogger,
    });
    assert.equal(library.origin, `--from ${from}`);
  });

  it('rejects a --from folder that does not exist, saying what --from must hold', () => {
    assert.throws(
      () =>
        findTensorflowLibrary({
          from: '/no/such/tensorflow',
          gpu: false,
          cacheDir: scratchDir(),
          logger: silentLogger,
        }),
      (error) => {
        assert.ok(error instanceof SetupError);
        assert.match(error.message, /^--from: \/no\/such\/tensorflow does not exist/);
        assert.match(
          error.message,
          /libtensorflow tarball's extracted folder or at an installed wheel's tensorflow\/ folder/,
        );
        return true;
      },
    );
  });

  it('finds the TensorFlow of the Python on PATH', () => {
    const packageDir = fakeLibrary(scratchDir(), 'wheel');
    const env = pythonAnswering({ packageDir, distribution: 'tensorflow 2.21.0' });
    const library = findTensorflowLibrary({
      gpu: true,
      cacheDir: scratchDir(),
      env,
      logger: silentLogger,
    });
    assert.match(library.origin, /python3 \(tensorflow 2\.21\.0\)$/);
  });

  it('passes over a CPU-only wheel when --gpu asks for CUDA', () => {
    const packageDir = fakeLibrary(scratchDir(), 'wheel');
    const env = pythonAnswering({ packageDir, distribution: 'tensorflow-cpu 2.21.0' });
    assert.throws(
      () =>
        findTensorflowLibrary({
          gpu: true,
          cacheDir: scratchDir(),
          env,
          allowPip: false,
          logger: silentLogger,
        }),
      /pip install 'tensorflow\[and-cuda\]'/,
    );
  });

  it("reuses a wheel unpacked earlier into gantry's cache", () => {
    const cacheDir = scratchDir();
    mkdirSync(join(cacheDir, 'python', 'tensorflow'), { recursive: true });
    fakeLibrary(join(cacheDir, 'python', 'tensorflow'), 'wheel');
    const library = findTensorflowLibrary({
      gpu: false,
      cacheDir,
      env: pythonAnswering(noTensorflow),
      logger: silentLogger,
    });
    assert.match(library.origin, /^gantry's cache /);
  });

  it('fails without Python, saying to install a wheel or pass --from', () => {
    assert.throws(
      () =>
        findTensorflowLibrary({
          gpu: false,
          cacheDir: scratchDir(),
          env: { PATH: '' },
          logger: silentLogger,
        }),
      (error) => {
        assert.ok(error instanceof SetupError);
        assert.match(error.message, /no TensorFlow found: there is no Python on PATH/);
        assert.match(error.message, /`pip install tensorflow-cpu`/);
        assert.match(error.message, /pass --from/);
        return true;
      },
    );
  });

  it('fails when pip cannot install a wheel, quoting pip', () => {
    const cacheDir = scratchDir();
    assert.throws(
      () =>
        findTensorflowLibrary({
          gpu: false,
          cacheDir,
          env: pythonAnswering(noTensorflow),
          logger: silentLogger,
        }),
      (error) => {
        assert.ok(error instanceof SetupError);
        assert.match(
          error.message,
          /python3 has no tensorflow package, and pip could not install one/,
        );
        assert.match(error.message, /No matching distribution found for tensorflow-cpu/);
        assert.match(error.message, /Install a TensorFlow wheel/);
        return true;
      },
    );
  });

  it('says so when pip may not install and Python has no TensorFlow', () => {
    assert.throws(
      () =>
        findTensorflowLibrary({
          gpu: false,
          cacheDir: scratchDir(),
          env: pythonAnswering(noTensorflow),
          allowPip: false,
          logger: silentLogger,
        }),
      /python3 has no tensorflow package\. Install a TensorFlow wheel/,
    );
  });
});
