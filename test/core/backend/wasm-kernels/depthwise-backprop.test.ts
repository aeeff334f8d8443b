import { describe, it } from 'node:test';
import * as tf from '../../../../src/core/backend/tf.js';
import { assertMatchesCpu, pick, randomValues, seededRandom } from './cpu-reference.js';

/**
 * The cpu backend's depthwise gradients ignore dilation (tfjs's gradient functions only ever ask
 * for dilation 1), so dilated cases are checked through an identity instead: a filter dilated
 * by d equals, at dilation 1, the same filter with d − 1 zeros between its taps.
 */
function dilateFilter(w: tf.Tensor4D, [dh, dw]: [number, number]): tf.Tensor4D {
  const [kh, kw, c, m] = w.shape;
  const taps = w.arraySync();
  const out = tf.buffer([(kh - 1) * dh + 1, (kw - 1) * dw + 1, c, m]);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < c; k++)
        for (let q = 0; q < m; q++) out.set(taps[i]![j]![k]![q]!, i * dh, j * dw, k, q);
  return out.toTensor() as tf.Tensor4D;
}

describe('depthwise convolution gradients on wasm', () => {
  it('match the cpu backend on random shapes, strides, dilations and paddings', async () => {
    const random = seededRandom(31);
    for (let i = 0; i < 20; i++) {
      const [kh, kw] = [pick(random, 1, 4), pick(random, 1, 4)];
      const dilated = random() < 0.3;
      const strides: [number, number] = dilated ? [1, 1] : [pick(random, 1, 3), pick(random, 1, 3)];
      const dilations: [number, number] = dilated
        ? [pick(random, 1, 2), pick(random, 1, 2)]
        : [1, 1];
      const [n, h, w, c, mult] = [
        pick(random, 1, 2),
        pick(random, 6, 10),
        pick(random, 6, 10),
        pick(random, 1, 5),
        pick(random, 1, 3),
      ];
      const pad = (['same', 'valid'] as const)[pick(random, 0, 1)]!;
      const filterShape: [number, number, number, number] = [kh, kw, c, mult];
      const info = tf.backend_util.computeConv2DInfo(
        [n, h, w, c],
        filterShape,
        strides,
        dilations,
        pad,
        undefined,
        true,
      );
      const dyShape = [n, info.outHeight, info.outWidth, c * mult];
      const xs = randomValues(random, [n, h, w, c]);
      const dys = randomValues(random, dyShape);
      const ws = randomValues(random, filterShape);
      const attrs = { strides, dilations, pad };
      const label = `case ${i} x=${[n, h, w, c]} filter=${filterShape} strides=${strides} dilations=${dilations} ${pad}`;
      const x = (): tf.Tensor => tf.tensor(xs, [n, h, w, c]);
      const dy = (): tf.Tensor => tf.tensor(dys, dyShape);
      const filter = (): tf.Tensor4D => tf.tensor4d(ws, filterShape);
      const dilatedShape: [number, number, number, number] = [
        (kh - 1) * dilations[0] + 1,
        (kw - 1) * dilations[1] + 1,
        c,
        mult,
      ];
      const undilated = { strides, dilations: [1, 1], pad };
      await assertMatchesCpu(
        `${label} input gradient`,
        () =>
          tf
            .engine()
            .runKernel(
              tf.DepthwiseConv2dNativeBackpropInput,
              { dy: dy(), filter: filter() },
              { ...attrs, inputShape: [n, h, w, c] },
            ) as tf.Tensor,
        1e-4,
        () =>
          tf
            .engine()
            .runKernel(
              tf.DepthwiseConv2dNativeBackpropInput,
              { dy: dy(), filter: dilateFilter(filter(), dilations) },
              { ...undilated, inputShape: [n, h, w, c] },
            ) as tf.Tensor,
      );
      await assertMatchesCpu(
        `${label} filter gradient`,
        () =>
          tf
            .engine()
            .runKernel(
              tf.DepthwiseConv2dNativeBackpropFilter,
              { x: x(), dy: dy() },
              { ...attrs, filterShape },
            ) as tf.Tensor,
        1e-4,
        () => {
          const full = tf
            .engine()
            .runKernel(
              tf.DepthwiseConv2dNativeBackpropFilter,
              { x: x(), dy: dy() },
              { ...undilated, filterShape: dilatedShape },
            ) as tf.Tensor4D;
          return tf.stridedSlice(full, [0, 0, 0, 0], dilatedShape, [...dilations, 1, 1]);
        },
      );
    }
  });
});
