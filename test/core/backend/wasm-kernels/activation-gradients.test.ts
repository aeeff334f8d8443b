import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import * as tf from '../../../../src/core/backend/tf.js';
import {
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
} from '../../../../src/core/backend/wasm-kernels/register.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { assertMatchesCpu, randomValues, seededRandom } from './cpu-reference.js';

type Activation = (x: tf.Tensor) => tf.Tensor;

const ACTIVATIONS: readonly [string, Activation][] = [
  ['relu', (x) => tf.relu(x)],
  ['leakyRelu 0.2', (x) => tf.leakyRelu(x, 0.2)],
  ['leakyRelu 1.5', (x) => tf.leakyRelu(x, 1.5)],
];

/** Computes with tfjs-core's own gradients (gantry's unregistered), then puts gantry's back. */
function withStockGradients(compute: () => tf.Tensor): () => tf.Tensor {
  return () => {
    unregisterWasmTrainingKernels();
    try {
      return compute();
    } finally {
      registerWasmTrainingKernels();
    }
  };
}

/**
 * A two-layer critic's gradient penalty, sum((‖∇x D(x)‖² − 1)²), differentiated with respect to
 * the weights: a gradient of a gradient through the activation, as in WGAN-GP.
 */
function penaltyGradient(activation: Activation, x: tf.Tensor2D, w: tf.Tensor2D, v: tf.Tensor2D) {
  return tf.grad((weights: tf.Tensor) => {
    const critic = (input: tf.Tensor): tf.Tensor =>
      tf.matMul(
        activation(tf.matMul(input as tf.Tensor2D, weights as tf.Tensor2D)) as tf.Tensor2D,
        v,
      );
    const inputGradient = tf.grad((input: tf.Tensor) => tf.sum(critic(input)))(x);
    return tf.sum(tf.square(tf.sub(tf.sum(tf.square(inputGradient), 1), 1)));
  })(w);
}

describe('ReLU and leaky ReLU gradients', () => {
  it('equal dy where x > 0 and alpha·dy elsewhere, on both backends', async () => {
    const random = seededRandom(51);
    const x = randomValues(random, [7, 33]);
    x[0] = 0;
    const dy = randomValues(random, [7, 33]);
    for (const [name, activation] of ACTIVATIONS) {
      const alpha = name === 'relu' ? 0 : Number(name.split(' ')[1]);
      for (const backend of ['cpu', 'wasm'] as const) {
        await initBackend({ backend, logger: silentLogger });
        const grad = tf.tidy(() =>
          tf.grad((t: tf.Tensor) => activation(t))(
            tf.tensor2d(x, [7, 33]),
            tf.tensor2d(dy, [7, 33]),
          ),
        );
        const values = await grad.data();
        grad.dispose();
        values.forEach((g, i) => {
          const expected = Math.fround(dy[i]! * (x[i]! > 0 ? 1 : alpha));
          assert.ok(
            Math.abs(g - expected) <= 1e-7,
            `${name} on ${backend} at ${i}: ${g} ≠ ${expected}`,
          );
        });
      }
    }
  });

  it('give the same second-order gradients as tfjs-core’s (a gradient penalty)', async () => {
    const random = seededRandom(52);
    const x = randomValues(random, [16, 5]);
    const w = randomValues(random, [5, 24]);
    const v = randomValues(random, [24, 1]);
    for (const [name, activation] of ACTIVATIONS) {
      const compute = (): tf.Tensor =>
        penaltyGradient(
          activation,
          tf.tensor2d(x, [16, 5]),
          tf.tensor2d(w, [5, 24]),
          tf.tensor2d(v, [24, 1]),
        );
      await assertMatchesCpu(
        `${name} penalty gradient`,
        compute,
        1e-4,
        withStockGradients(compute),
      );
    }
  });

  it('leave no tensor and no wasm buffer behind over repeated penalty steps', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const dataIds = (): number =>
      (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
    const x = tf.randomNormal([64, 6, 6, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const w = tf.variable(tf.randomNormal([108, 32], 0, 0.3, 'float32', 4));
    const v = tf.randomNormal([32, 1], 0, 1, 'float32', 5) as tf.Tensor2D;
    const step = (): void => {
      tf.dispose(
        tf.tidy(() => {
          const flat = tf.transpose(x, [0, 3, 1, 2]).reshape([64, 108]) as tf.Tensor2D;
          const g = penaltyGradient(
            (t) => tf.leakyRelu(t, 0.2),
            flat,
            w as tf.Variable<tf.Rank.R2>,
            v,
          );
          return tf.add(g, tf.sum(tf.relu(tf.reshape(x, [-1, 3])), 0).sum());
        }),
      );
    };
    step();
    const ids = dataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) step();
    assert.equal(dataIds(), ids, 'wasm heap buffers leaked');
    assert.equal(tf.memory().numTensors, tensors, 'tensors leaked');
    tf.dispose([x, w, v]);
  });
});
