import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { initBackend, silentLogger, tf } from '../../../src/index.js';
import { availableBackends } from '../../support/backends.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');
const BACKEND_INDEX = fileURLToPath(new URL('../../../src/core/backend/index.ts', import.meta.url));

/** Loss and gradients of a two-layer MLP on fixed data, computed on the active backend. */
function mlpLossAndGradients(): { loss: number; grads: number[][] } {
  return tf.tidy(() => {
    const x = tf.tensor2d([0.5, -1, 2, 0.25, -0.75, 1.5, 1, -2, 0.1, 0.3, -0.4, 0.9], [4, 3]);
    const y = tf.tensor2d([1, -1, 0.5, 0], [4, 1]);
    const w1 = tf.tensor2d(
      [0.2, -0.3, 0.4, 0.1, 0.5, -0.2, -0.6, 0.3, 0.25, 0.7, -0.1, 0.05],
      [3, 4],
    );
    const w2 = tf.tensor2d([0.3, -0.5, 0.8, 0.1], [4, 1]);
    const { value, grads } = tf.valueAndGrads((a: tf.Tensor, b: tf.Tensor) =>
      tf.losses.meanSquaredError(y, x.matMul(a).relu().matMul(b)),
    )([w1, w2]);
    return {
      loss: value.dataSync()[0] ?? Number.NaN,
      grads: grads.map((g) => Array.from(g.dataSync())),
    };
  });
}

describe('tensorflow backend', { skip: tensorflow?.absentBecause ?? false }, () => {
  it('reports the TensorFlow version its C API gives, in the start-up line', async () => {
    const lines: string[] = [];
    const info = await initBackend({
      backend: 'tensorflow',
      logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m) },
    });
    assert.equal(tf.getBackend(), 'tensorflow');
    const binding = (tf.backend() as unknown as { binding: { TF_Version: string } }).binding;
    assert.equal(info.tensorflowVersion, binding.TF_Version);
    assert.match(info.tensorflowVersion ?? '', /^\d+\.\d+\.\d+/);
    assert.deepEqual(lines, [info.summary]);
    assert.ok(info.summary.includes(`TensorFlow ${binding.TF_Version} via @tensorflow/tfjs-node`));
  });

  it('is what auto picks when its binding loads', async () => {
    const info = await initBackend({ backend: 'auto', logger: silentLogger });
    assert.equal(info.name, 'tensorflow');
  });

  it('computes the loss and gradients of an MLP as the cpu backend does', async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    const reference = mlpLossAndGradients();
    await initBackend({ backend: 'tensorflow', logger: silentLogger });
    const native = mlpLossAndGradients();
    assert.ok(Math.abs(native.loss - reference.loss) < 1e-5, `${native.loss} vs ${reference.loss}`);
    native.grads.forEach((grad, i) => {
      grad.forEach((g, j) =>
        assert.ok(Math.abs(g - (reference.grads[i]?.[j] ?? NaN)) < 1e-5, `grad ${i}[${j}]`),
      );
    });
  });

  it('trains: SGD steps lower the loss and free every intermediate tensor', async () => {
    await initBackend({ backend: 'tensorflow', logger: silentLogger });
    const x = tf.randomNormal([32, 8], 0, 1, 'float32', 7);
    const y = tf.tidy(() => x.sum(1, true).tanh());
    const w = tf.variable(tf.randomNormal([8, 1], 0, 0.1, 'float32', 8));
    const optimizer = tf.train.sgd(0.05);
    const loss = (): tf.Scalar => tf.losses.meanSquaredError(y, x.matMul(w));
    const first = tf.tidy(() => loss().dataSync()[0] ?? NaN);
    tf.tidy(() => {
      optimizer.minimize(loss);
    });
    const tensorsAfterFirstStep = tf.memory().numTensors;
    for (let step = 0; step < 50; step++) {
      tf.tidy(() => {
        optimizer.minimize(loss);
      });
    }
    assert.equal(tf.memory().numTensors, tensorsAfterFirstStep);
    const last = tf.tidy(() => loss().dataSync()[0] ?? NaN);
    assert.ok(last < first / 2, `loss ${first} → ${last}`);
    tf.dispose([x, y, w]);
    optimizer.dispose();
  });

  it("keeps TensorFlow's start-up log out of stderr", () => {
    const script =
      `const { initBackend } = await import(${JSON.stringify(BACKEND_INDEX)});` +
      "const tf = await import('@tensorflow/tfjs');" +
      "await initBackend({ backend: 'tensorflow' });" +
      'tf.tidy(() => tf.ones([64, 64]).matMul(tf.ones([64, 64])).dataSync());';
    const env = { ...process.env };
    delete env['TF_CPP_MIN_LOG_LEVEL'];
    const result = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
        env,
        timeout: 120_000,
      },
    );
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stderr, /^gantry: backend tensorflow \(TensorFlow [^\n]+\n$/);
  });

  it('starts TensorFlow with the threads asked for, and refuses other counts once it runs', () => {
    // A fresh process per count: TensorFlow sizes its thread pools once, when it starts.
    const start = (threads: number) => {
      const script =
        `const { initBackend } = await import(${JSON.stringify(BACKEND_INDEX)});` +
        "const tf = await import('@tensorflow/tfjs');" +
        "const { readdirSync } = await import('node:fs');" +
        `const info = await initBackend({ backend: 'tensorflow', threads: ${threads} });` +
        'tf.tidy(() => tf.ones([64, 64]).matMul(tf.ones([64, 64])).dataSync());' +
        "const osThreads = readdirSync('/proc/self/task').length;" +
        'let refusal = "";' +
        `try { await initBackend({ backend: 'tensorflow', threads: ${threads + 1} }); }` +
        'catch (error) { refusal = error.message; }' +
        'console.log(JSON.stringify({ threads: info.threads, summary: info.summary, osThreads, refusal }));';
      const result = spawnSync(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', script],
        { encoding: 'utf8', timeout: 120_000 },
      );
      assert.equal(result.status, 0, result.stderr);
      return JSON.parse(result.stdout) as {
        threads: number;
        summary: string;
        osThreads: number;
        refusal: string;
      };
    };
    const one = start(1);
    const four = start(4);
    assert.equal(one.threads, 1);
    assert.match(one.summary, /, 1 thread$/);
    assert.equal(four.threads, 4);
    // Three more threads in each of TensorFlow's two pools (intra-op and inter-op).
    assert.equal(four.osThreads - one.osThreads, 6);
    assert.match(
      one.refusal,
      /threads 2: TensorFlow already started in this process with 1 thread/,
    );
  });
});
