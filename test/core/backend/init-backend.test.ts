import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BackendError, initBackend, silentLogger, tf, type Logger } from '../../../src/index.js';

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`) };
}

describe('initBackend', () => {
  it('starts the embedded wasm backend and reports threads and SIMD in one line', async () => {
    const logger = recordingLogger();
    const info = await initBackend({ backend: 'wasm', logger });
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(info.name, 'wasm');
    assert.ok(info.threads >= 1);
    assert.equal(typeof info.simd, 'boolean');
    assert.deepEqual(logger.lines, [info.summary]);
    assert.match(info.summary, /wasm.*\d+ thread.*SIMD (on|off)/);
  });

  it('starts the cpu backend without the tfjs-node banner', async () => {
    const warnings: unknown[] = [];
    const originalWarn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      await initBackend({ backend: 'cpu', logger: silentLogger });
      tf.tidy(() => tf.tensor([1, 2, 3]).square().dataSync());
    } finally {
      console.warn = originalWarn;
    }
    assert.equal(tf.getBackend(), 'cpu');
    assert.deepEqual(warnings, []);
  });

  it('auto picks tensorflow when its binding loads, else wasm and says why', async () => {
    const logger = recordingLogger();
    const info = await initBackend({ backend: 'auto', logger });
    if (info.name === 'tensorflow') {
      assert.match(info.summary, /TensorFlow \d+\.\d+/);
    } else {
      assert.equal(info.name, 'wasm');
      assert.match(logger.lines.join('\n'), /no native TensorFlow backend.*using wasm/);
    }
  });

  it('explains how to get tensorflow when asked for it and it is absent', async (t) => {
    const auto = await initBackend({ backend: 'auto', logger: silentLogger });
    if (auto.name === 'tensorflow') {
      t.skip('the tensorflow backend is installed here');
      return;
    }
    await assert.rejects(initBackend({ backend: 'tensorflow', logger: silentLogger }), (error) => {
      assert.ok(error instanceof BackendError);
      assert.match(error.message, /gantry setup tensorflow/);
      assert.match(error.message, /npm install @tensorflow\/tfjs-node/);
      return true;
    });
  });

  it('refuses, when a GPU is required, a backend that computes on the CPU, saying why', async () => {
    await assert.rejects(
      initBackend({ backend: 'cpu', logger: silentLogger, requireGpu: true }),
      (error) =>
        error instanceof BackendError &&
        /a GPU was asked for, but the backend is cpu/.test(error.message),
    );
    const auto = await initBackend({ backend: 'auto', logger: silentLogger });
    if (auto.name !== 'tensorflow' || auto.gpu === true) return;
    // Here the tensorflow backend computes on the CPU: the CPU package, or the GPU one without a GPU.
    await assert.rejects(
      initBackend({ logger: silentLogger, requireGpu: true }),
      /a GPU was asked for, but TensorFlow computes on the CPU: .*(CPU build|NVIDIA|CUDA)/,
    );
  });

  it('rejects an unknown backend by name', async () => {
    await assert.rejects(
      initBackend({ backend: 'webgpu' as never, logger: silentLogger }),
      /unknown backend "webgpu"/,
    );
  });

  it('shares one tfjs-core engine between gantry and the tfjs layers API', async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3] })] });
    const before = tf.memory().numTensors;
    const output = model.predict(tf.ones([1, 3])) as tf.Tensor;
    assert.ok(tf.memory().numTensors > before);
    tf.dispose(output);
    model.dispose();
  });
});
