import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { splitDigits } from '../../../scripts/digit-classifier/split.js';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { mnist } from '../../../src/gan/data/index.js';
import { evaluate, evaluatorFor, type Evaluator } from '../../../src/gan/evaluation/index.js';

const COUNT = 256;
const FIXTURE = new URL('./fixtures/wgan-gp-mnist-best.png', import.meta.url);

/** `COUNT` held-out digits, every fourth (they are sorted by class), `[N, 28, 28, 1]`. */
function heldOutDigits(): tf.Tensor4D {
  const { heldOut } = splitDigits();
  const images = new Float32Array(COUNT * 784);
  for (let i = 0; i < COUNT; i++) {
    const from = Math.floor((i * heldOut.count) / COUNT) * 784;
    images.set(heldOut.images.subarray(from, from + 784), i * 784);
  }
  return tf.tensor4d(images, [COUNT, 28, 28, 1]);
}

/** The trained run's samples, stored as a 16×16 grid of 8-bit digits without padding. */
async function trainedRunSamples(): Promise<tf.Tensor4D> {
  const { data, info } = await sharp(FIXTURE.pathname)
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return tf.tidy(() => {
    const grid = tf.tensor(new Float32Array(data), [16, 28, 16, 28]);
    const digits = grid.transpose([0, 2, 1, 3]).reshape([COUNT, 28, 28, 1]);
    assert.equal(info.width, 16 * 28);
    return tf.sub(tf.div(digits, 127.5), 1) as tf.Tensor4D;
  });
}

describe('the Fréchet distance on the digit classifier ranks MNIST sets as the eye does', () => {
  let evaluator: Evaluator;

  before(async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const cacheDirectory = await mkdtemp(join(tmpdir(), 'gantry-ranking-'));
    evaluator = await evaluatorFor(mnist(0), {
      cacheDirectory,
      image: { kid: false, manifoldSamples: false },
    });
  });

  it('real held-out digits < a trained run’s samples < blurred digits < noise', async () => {
    const real = heldOutDigits();
    const run = await trainedRunSamples();
    const blurred = tf.tidy(() => {
      const padded = tf.pad(
        real,
        [
          [0, 0],
          [2, 2],
          [2, 2],
          [0, 0],
        ],
        -1,
      );
      return tf.conv2d(padded, tf.fill([5, 5, 1, 1], 1 / 25) as tf.Tensor4D, 1, 'valid');
    });
    const noise = tf.randomUniform([COUNT, 28, 28, 1], -1, 1, 'float32', 1);
    const distances: number[] = [];
    for (const samples of [real, run, blurred, noise]) {
      distances.push((await evaluate(evaluator, samples))['frechet_distance']!);
    }
    tf.dispose([real, run, blurred, noise]);
    const sorted = [...distances].sort((a, b) => a - b);
    assert.deepEqual(
      distances,
      sorted,
      `distances ${distances.map((d) => d.toFixed(1)).join(' < ')}`,
    );
  });
});
