import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '../../../../src/core/backend/tf.js';
import { convGeometry } from '../../../../src/core/backend/wasm-kernels/conv-geometry.js';
import {
  filterGradientByPatches,
  inputGradientByPatches,
  preferPatches,
} from '../../../../src/core/backend/wasm-kernels/patch-products.js';
import type { WasmBackend } from '../../../../src/core/backend/wasm-kernels/wasm-backend.js';
import { assertMatchesCpu, pick, randomValues, seededRandom } from './cpu-reference.js';

type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;

interface Case {
  x: Shape4;
  filter: Shape4;
  strides: [number, number];
  pad: Pad;
}

function randomCase(random: () => number): Case {
  const [kh, kw] = [pick(random, 1, 5), pick(random, 1, 5)];
  const pads: Pad[] = [
    'same',
    'valid',
    [
      [0, 0],
      [pick(random, 0, 3), pick(random, 0, 3)],
      [pick(random, 0, 3), pick(random, 0, 3)],
      [0, 0],
    ],
  ];
  return {
    x: [pick(random, 1, 5), pick(random, kh, 13), pick(random, kw, 13), pick(random, 1, 4)],
    filter: [kh, kw, 0, pick(random, 1, 12)],
    strides: [pick(random, 1, 3), pick(random, 1, 3)],
    pad: pads[pick(random, 0, 2)]!,
  };
}

/** Runs a patch-formulation function on the wasm backend's heap and wraps its result. */
function onWasmHeap(run: (backend: WasmBackend) => tf.TensorInfo): tf.Tensor {
  const info = run(tf.backend() as unknown as WasmBackend);
  return tf.engine().makeTensorFromTensorInfo(info);
}

describe('convolution gradients as products over patch matrices', () => {
  it('match the cpu backend for random strides, paddings, sizes and batch chunks', async () => {
    const random = seededRandom(4242);
    for (let i = 0; i < 40; i++) {
      const c = randomCase(random);
      const filter: Shape4 = [c.filter[0], c.filter[1], c.x[3], c.filter[3]];
      const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' as const };
      const g = convGeometry(c.x, filter, attrs);
      if (g.oh <= 0 || g.ow <= 0) continue;
      const dyShape = [g.n, g.oh, g.ow, g.co];
      const [xs, dys, ws] = [c.x, dyShape, filter].map((s) => randomValues(random, s));
      // A budget of one image's patches or less forces one chunk per image.
      const budget = random() < 0.5 ? 1 : 1 << 22;
      const label = `case ${i} ${JSON.stringify({ ...c, filter, budget })}`;
      await assertMatchesCpu(
        `${label} input gradient`,
        () =>
          onWasmHeap((backend) =>
            inputGradientByPatches(
              backend,
              tf.tensor(dys!, dyShape),
              tf.tensor(ws!, filter),
              g,
              budget,
            ),
          ),
        1e-4,
        () =>
          tf
            .engine()
            .runKernel(
              tf.Conv2DBackpropInput,
              { dy: tf.tensor(dys!, dyShape), filter: tf.tensor(ws!, filter) },
              { ...attrs, inputShape: c.x },
            ) as tf.Tensor,
      );
      await assertMatchesCpu(
        `${label} filter gradient`,
        () =>
          onWasmHeap((backend) =>
            filterGradientByPatches(
              backend,
              tf.tensor(xs!, c.x),
              tf.tensor(dys!, dyShape),
              g,
              budget,
            ),
          ),
        1e-4,
        () =>
          tf
            .engine()
            .runKernel(
              tf.Conv2DBackpropFilter,
              { x: tf.tensor(xs!, c.x), dy: tf.tensor(dys!, dyShape) },
              { ...attrs, filterShape: filter },
            ) as tf.Tensor,
      );
    }
  });

  it('are chosen for the one-channel layers of the DCGANs and not for the wider ones', () => {
    const attrs = { strides: 2, pad: 'same' as const, dataFormat: 'NHWC' as const };
    assert.equal(preferPatches(convGeometry([64, 28, 28, 1], [5, 5, 1, 32], attrs)), true);
    assert.equal(preferPatches(convGeometry([64, 64, 64, 1], [5, 5, 1, 32], attrs)), true);
    assert.equal(preferPatches(convGeometry([64, 14, 14, 32], [5, 5, 32, 64], attrs)), false);
    assert.equal(preferPatches(convGeometry([64, 64, 64, 3], [5, 5, 3, 32], attrs)), false);
  });

  it('give the kernels cpu-exact results for one-channel layers in both data formats', async () => {
    const random = seededRandom(99);
    for (const dataFormat of ['NHWC', 'NCHW'] as const) {
      // 2·32·16 = 1024 output positions take the col2im path without a transpose.
      const [n, h, w, co] = dataFormat === 'NHWC' ? [2, 64, 32, 26] : [3, 11, 10, 26];
      const x = dataFormat === 'NHWC' ? [n, h, w, 1] : [n, 1, h, w];
      const filter: Shape4 = [5, 5, 1, co];
      const g = convGeometry([n, h, w, 1], filter, { strides: 2, pad: 'same', dataFormat });
      assert.equal(preferPatches(g), true);
      const dy = dataFormat === 'NHWC' ? [n, g.oh, g.ow, co] : [n, co, g.oh, g.ow];
      const [xs, dys, ws] = [x, dy, filter].map((s) => randomValues(random, s));
      const attrs = { strides: 2, pad: 'same', dataFormat };
      await assertMatchesCpu(
        `${dataFormat} input gradient`,
        () =>
          tf
            .engine()
            .runKernel(
              tf.Conv2DBackpropInput,
              { dy: tf.tensor(dys!, dy), filter: tf.tensor(ws!, filter) },
              { ...attrs, inputShape: x },
            ) as tf.Tensor,
      );
      await assertMatchesCpu(
        `${dataFormat} filter gradient`,
        () =>
          tf
            .engine()
            .runKernel(
              tf.Conv2DBackpropFilter,
              { x: tf.tensor(xs!, x), dy: tf.tensor(dys!, dy) },
              { ...attrs, filterShape: filter },
            ) as tf.Tensor,
      );
    }
  });

  it('carry second-order gradients (a gradient penalty) through a one-channel layer', async () => {
    const random = seededRandom(5);
    const xs = randomValues(random, [4, 12, 12, 1]);
    const ws = randomValues(random, [3, 3, 1, 16]);
    // d/dw of |∂ critic / ∂x|², critic(x) = Σ leakyRelu(conv2d(x, w)): on wasm this runs
    // Conv2DBackpropInput, then conv2d and Conv2DBackpropFilter for its gradient.
    await assertMatchesCpu('gradient-penalty weight gradient', () => {
      const x = tf.tensor4d(xs, [4, 12, 12, 1]);
      const penalty = (w: tf.Tensor): tf.Scalar => {
        const dx = tf.grad((input: tf.Tensor) =>
          tf.sum(tf.leakyRelu(tf.conv2d(input as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'), 0.2)),
        )(x);
        return tf.sum(tf.square(dx));
      };
      return tf.grad(penalty)(tf.tensor4d(ws, [3, 3, 1, 16]));
    });
  });
});
