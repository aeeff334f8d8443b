import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { availableBackends } from '../../support/backends.js';
import { randomValues, seededRandom } from './wasm-kernels/cpu-reference.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

const ACTIVATIONS: readonly [string, number, (x: tf.Tensor) => tf.Tensor][] = [
  ['relu', 0, (x) => tf.relu(x)],
  ['leakyRelu 0.2', 0.2, (x) => tf.leakyRelu(x, 0.2)],
];

/** ∂/∂w of a two-layer critic's gradient penalty: a gradient of the activation's gradient. */
function penaltyGradient(activation: (x: tf.Tensor) => tf.Tensor, values: Float32Array[]) {
  const [x, w, v] = [
    tf.tensor2d(values[0]!, [16, 5]),
    tf.tensor2d(values[1]!, [5, 24]),
    tf.tensor2d(values[2]!, [24, 1]),
  ];
  return tf.grad((weights: tf.Tensor) => {
    const critic = (input: tf.Tensor) =>
      tf.matMul(
        activation(tf.matMul(input as tf.Tensor2D, weights as tf.Tensor2D)) as tf.Tensor2D,
        v,
      );
    const inputGradient = tf.grad((input: tf.Tensor) => tf.sum(critic(input)))(x);
    return tf.sum(tf.square(tf.sub(tf.sum(tf.square(inputGradient), 1), 1)));
  })(w);
}

describe(
  "ReLU gradients on tensorflow as TensorFlow's ReluGrad and LeakyReluGrad",
  { skip: tensorflow?.absentBecause ?? false },
  () => {
    it('run one kernel per gradient instead of step spelled out', async () => {
      await initBackend({ backend: 'tensorflow', logger: silentLogger });
      const x = tf.tensor1d([-1, 0.5, 2]);
      for (const [name, alpha, activation] of ACTIVATIONS) {
        const profile = await tf.profile(() => tf.grad(activation)(x));
        const kernels = profile.kernelNames;
        assert.ok(
          kernels.includes(alpha === 0 ? 'GantryReluGrad' : 'GantryLeakyReluGrad'),
          `${name}: ${kernels.join(', ')}`,
        );
        assert.ok(!kernels.includes('Select') && !kernels.includes('Step'), `${name}: ${kernels}`);
        if (profile.result instanceof tf.Tensor) profile.result.dispose();
      }
      x.dispose();
    });

    it('equal dy where x > 0 and alpha·dy elsewhere', async () => {
      await initBackend({ backend: 'tensorflow', logger: silentLogger });
      const random = seededRandom(61);
      const x = randomValues(random, [7, 33]);
      x[0] = 0;
      const dy = randomValues(random, [7, 33]);
      for (const [name, alpha, activation] of ACTIVATIONS) {
        const grad = tf.tidy(() =>
          tf.grad(activation)(tf.tensor2d(x, [7, 33]), tf.tensor2d(dy, [7, 33])),
        );
        const values = grad.dataSync();
        grad.dispose();
        values.forEach((g, i) =>
          assert.equal(
            g,
            Math.fround(dy[i]! * (x[i]! > 0 ? 1 : Math.fround(alpha))),
            `${name} at ${i}`,
          ),
        );
      }
    });

    it("give the cpu backend's second-order gradients (a gradient penalty)", async () => {
      const random = seededRandom(62);
      const values = [
        [16, 5],
        [5, 24],
        [24, 1],
      ].map((shape) => randomValues(random, shape));
      for (const [name, , activation] of ACTIVATIONS) {
        const results: Float32Array[] = [];
        for (const backend of ['tensorflow', 'cpu'] as const) {
          await initBackend({ backend, logger: silentLogger });
          const gradient = tf.tidy(() => penaltyGradient(activation, values));
          results.push(gradient.dataSync() as Float32Array);
          gradient.dispose();
        }
        const [native, cpu] = results as [Float32Array, Float32Array];
        const worst = native.reduce((m, g, i) => Math.max(m, Math.abs(g - cpu[i]!)), 0);
        const scale = cpu.reduce((m, g) => Math.max(m, Math.abs(g)), 0);
        assert.ok(
          worst <= 1e-4 * Math.max(1, scale),
          `${name}: differs by ${worst} (scale ${scale})`,
        );
      }
    });
  },
);
