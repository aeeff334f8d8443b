import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { assertMatchesCpu, randomValues, seededRandom } from './wasm-kernels/cpu-reference.js';

/**
 * Every layer and op gantry's GAN models use, forward and backward on wasm, against cpu.
 * Whole models chain many kernels, so their tolerance is 1e-3 of the output scale (the
 * single kernels are held to 1e-4 in wasm-kernels/).
 */
const MODEL_TOLERANCE = 1e-3;

function seeded(seed: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed });
}

/** Name, input shape, layers, batch size. */
type LayerCase = [string, number[], () => tf.layers.Layer[], number?];

const LAYER_CASES: LayerCase[] = [
  [
    'dense',
    [6],
    () => [tf.layers.dense({ units: 5, kernelInitializer: seeded(1), biasInitializer: 'ones' })],
  ],
  [
    'conv2d stride 2 same',
    [9, 9, 3],
    () => [
      tf.layers.conv2d({
        filters: 4,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        kernelInitializer: seeded(2),
      }),
    ],
  ],
  [
    'conv2d valid stride 1',
    [9, 9, 2],
    () => [
      tf.layers.conv2d({
        filters: 3,
        kernelSize: 3,
        strides: 1,
        kernelInitializer: seeded(3),
      }),
    ],
  ],
  [
    'conv2dTranspose k5 s2 same',
    [7, 7, 4],
    () => [
      tf.layers.conv2dTranspose({
        filters: 3,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        kernelInitializer: seeded(4),
      }),
    ],
  ],
  [
    'conv2dTranspose k4 s2 valid',
    [5, 5, 3],
    () => [
      tf.layers.conv2dTranspose({
        filters: 2,
        kernelSize: 4,
        strides: 2,
        kernelInitializer: seeded(5),
      }),
    ],
  ],
  [
    'batchNormalization',
    [4, 4, 3],
    () => [tf.layers.batchNormalization({ gammaInitializer: seeded(6) })],
  ],
  [
    'layerNormalization',
    [8],
    () => [tf.layers.layerNormalization({ gammaInitializer: seeded(7) })],
  ],
  ['leakyReLU 0.2', [8], () => [tf.layers.leakyReLU({ alpha: 0.2 })]],
  [
    'relu, tanh, sigmoid',
    [8],
    () => ['relu', 'tanh', 'sigmoid'].map((a) => tf.layers.activation({ activation: a as 'relu' })),
  ],
  ['reshape', [12], () => [tf.layers.reshape({ targetShape: [2, 2, 3] })]],
  // Batch 1: the cpu reference's ResizeNearestNeighborGrad (tfjs-backend-cpu 4.22) mixes up the
  // images of a batch (each image's gradient must depend on its own dy only); wasm's is right.
  ['upSampling2d', [3, 3, 2], () => [tf.layers.upSampling2d({ size: [2, 2] })], 1],
];

/** Gradients of Σ r·model(x) with respect to x and every weight, flattened into one tensor. */
function forwardAndBackward(
  build: () => tf.layers.Layer[],
  inputShape: number[],
  batch: number,
  seed: number,
): tf.Tensor {
  const random = seededRandom(seed);
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape }));
  for (const layer of build()) model.add(layer);
  const x = tf.tensor(randomValues(random, [batch, ...inputShape]), [batch, ...inputShape]);
  const y = model.apply(x, { training: true }) as tf.Tensor;
  const r = tf.tensor(randomValues(random, y.shape), y.shape);
  const weights = model.trainableWeights.map((w) => w.read());
  const loss = (...inputs: tf.Tensor[]): tf.Scalar =>
    tf.sum(tf.mul(r, model.apply(inputs[0]!, { training: true }) as tf.Tensor));
  const grads = tf.grads(loss)([x, ...weights]);
  model.dispose();
  return tf.concat([y.flatten(), ...grads.map((g) => g.flatten())]);
}

describe('wasm audit: the layers and ops of gantry GAN models', () => {
  for (const [name, inputShape, build, batch = 3] of LAYER_CASES) {
    it(`${name}: forward and gradients match cpu`, async () => {
      await assertMatchesCpu(
        name,
        () => forwardAndBackward(build, inputShape, batch, 5),
        MODEL_TOLERANCE,
      );
    });
  }
});

/**
 * A WGAN-GP critic's penalty gradient: the gradient of a gradient, as the MLP model uses it.
 * ReLU, because tfjs-core (4.22) cannot differentiate leakyRelu's gradient (no gradient for
 * `Greater`) on any backend.
 */
function penaltyGradients(): tf.Tensor {
  const random = seededRandom(11);
  const w1 = tf.variable(tf.tensor(randomValues(random, [6, 8]), [6, 8]));
  const w2 = tf.variable(tf.tensor(randomValues(random, [8, 1]), [8, 1]));
  const x = tf.tensor(randomValues(random, [4, 6]), [4, 6]);
  const critic = (input: tf.Tensor): tf.Tensor => tf.matMul(tf.relu(tf.matMul(input, w1)), w2);
  const { grads } = tf.variableGrads(() => {
    const dx = tf.grad((input: tf.Tensor) => tf.sum(critic(input)))(x);
    const norms = tf.sqrt(tf.sum(tf.square(dx), 1));
    return tf.mean(tf.square(tf.sub(norms, 1)));
  }, [w1, w2]);
  const flat = tf.concat([grads[w1.name]!.flatten(), grads[w2.name]!.flatten()]);
  w1.dispose();
  w2.dispose();
  return flat;
}

function tinyGenerator(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [8], units: 4 * 4 * 8 }),
      tf.layers.reshape({ targetShape: [4, 4, 8] }),
      tf.layers.conv2dTranspose({ filters: 8, kernelSize: 5, strides: 2, padding: 'same' }),
      tf.layers.batchNormalization(),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.conv2dTranspose({
        filters: 1,
        kernelSize: 4,
        strides: 2,
        padding: 'same',
        activation: 'tanh',
      }),
    ],
  });
}

function tinyCritic(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [16, 16, 1],
        filters: 8,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
      }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.conv2d({ filters: 16, kernelSize: 5, strides: 2, padding: 'same' }),
      tf.layers.leakyReLU({ alpha: 0.2 }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1 }),
    ],
  });
}

describe('wasm audit: training', () => {
  it('a gradient-penalty gradient (gradient of a gradient) matches cpu', async () => {
    await assertMatchesCpu('WGAN-GP penalty gradients', penaltyGradients, MODEL_TOLERANCE);
  });

  // Non-saturating GAN losses: with a Wasserstein loss the critic's output bias cancels.
  it('trains a tiny conv GAN: finite losses, every weight changes, no leaked tensors', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const g = tinyGenerator();
    const d = tinyCritic();
    const before = [...g.trainableWeights, ...d.trainableWeights].map((w) =>
      w.read().dataSync().slice(),
    );
    const optG = tf.train.adam(1e-3, 0.5);
    const optD = tf.train.adam(1e-3, 0.5);
    const real = tf.randomUniform([8, 16, 16, 1], -1, 1, 'float32', 3);
    const step = (): number[] => {
      const z = tf.randomNormal([8, 8], 0, 1, 'float32', 4);
      const dLoss = optD.minimize(
        () =>
          tf.add(
            tf.mean(tf.softplus(d.apply(g.apply(z, { training: true }) as tf.Tensor) as tf.Tensor)),
            tf.mean(tf.softplus(tf.neg(d.apply(real) as tf.Tensor))),
          ) as tf.Scalar,
        true,
        d.trainableWeights.map((w) => w.read() as tf.Variable),
      )!;
      const gLoss = optG.minimize(
        () =>
          tf.mean(
            tf.softplus(tf.neg(d.apply(g.apply(z, { training: true }) as tf.Tensor) as tf.Tensor)),
          ) as tf.Scalar,
        true,
        g.trainableWeights.map((w) => w.read() as tf.Variable),
      )!;
      const losses = [dLoss.dataSync()[0]!, gLoss.dataSync()[0]!];
      tf.dispose([z, dLoss, gLoss]);
      return losses;
    };
    step();
    const tensorsAfterFirstStep = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      for (const loss of step()) assert.ok(Number.isFinite(loss), `step ${i}: loss ${loss}`);
    }
    assert.equal(tf.memory().numTensors, tensorsAfterFirstStep, 'tensors leaked per training step');
    const after = [...g.trainableWeights, ...d.trainableWeights].map((w) => w.read().dataSync());
    after.forEach((values, i) => {
      const name = [...g.trainableWeights, ...d.trainableWeights][i]!.name;
      assert.ok(
        values.some((v, j) => v !== before[i]![j]),
        `weight ${name} did not change`,
      );
    });
    real.dispose();
  });
});
