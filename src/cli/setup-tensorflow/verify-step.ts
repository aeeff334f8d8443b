/**
 * Run as its own process by `gantry setup tensorflow`: starts the `tensorflow` backend through
 * gantry and trains a small MLP for a few steps, then prints one JSON line with TensorFlow's
 * version, the losses before and after, and the mean step time. A separate process, because a
 * binding built against a mismatched library can crash the process that loads it.
 */
import { initBackend } from '../../core/backend/index.js';
import * as tf from '../../core/backend/tf.js';
import { silentLogger } from '../../core/logger.js';

const STEPS = 20;

const info = await initBackend({ backend: 'tensorflow', logger: silentLogger });
const x = tf.randomNormal([64, 16], 0, 1, 'float32', 1);
const y = tf.tidy(() => x.sum(1, true).tanh());
const w1 = tf.variable(tf.randomNormal([16, 32], 0, 0.3, 'float32', 2));
const w2 = tf.variable(tf.randomNormal([32, 1], 0, 0.3, 'float32', 3));
const optimizer = tf.train.sgd(0.1);
const loss = (): tf.Scalar => tf.losses.meanSquaredError(y, x.matMul(w1).relu().matMul(w2));

const lossBefore = tf.tidy(() => loss().dataSync()[0] ?? Number.NaN);
// The first step compiles TensorFlow's kernels; time the steady state after it.
tf.tidy(() => {
  optimizer.minimize(loss);
});
const started = performance.now();
for (let step = 0; step < STEPS; step++) {
  tf.tidy(() => {
    optimizer.minimize(loss);
  });
}
const lossAfter = tf.tidy(() => loss().dataSync()[0] ?? Number.NaN);
const stepMs = (performance.now() - started) / STEPS;

process.stdout.write(
  `${JSON.stringify({
    backend: tf.getBackend(),
    tensorflowVersion: info.tensorflowVersion,
    nativePackage: info.nativePackage,
    gpu: info.gpu,
    gpuUnavailable: info.gpuUnavailable,
    lossBefore,
    lossAfter,
    stepMs,
  })}\n`,
);
