import { describe, it } from 'node:test';
import * as tf from '../../../../src/core/backend/tf.js';
import { assertMatchesCpu, pick, randomValues, seededRandom } from './cpu-reference.js';

type Pad = 'same' | 'valid' | tf.backend_util.ExplicitPadding;

interface ConvCase {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  kh: number;
  kw: number;
  strides: [number, number];
  pad: Pad;
  dataFormat: 'NHWC' | 'NCHW';
}

function randomCase(random: () => number): ConvCase {
  const kh = pick(random, 1, 5);
  const kw = pick(random, 1, 5);
  const paddings: Pad[] = [
    'same',
    'valid',
    [
      [0, 0],
      [pick(random, 0, 2), pick(random, 0, 2)],
      [pick(random, 0, 2), pick(random, 0, 2)],
      [0, 0],
    ],
  ];
  const pad = paddings[pick(random, 0, 2)]!;
  return {
    n: pick(random, 1, 3),
    h: pick(random, kh, 12),
    w: pick(random, kw, 12),
    ci: pick(random, 1, 9),
    co: pick(random, 1, 9),
    kh,
    kw,
    strides: [pick(random, 1, 3), pick(random, 1, 3)],
    pad,
    dataFormat: random() < 0.15 ? 'NCHW' : 'NHWC',
  };
}

function explicitForFormat(c: ConvCase): Pad {
  if (typeof c.pad === 'string' || c.dataFormat === 'NHWC') return c.pad;
  const [, rows, cols] = c.pad;
  return [[0, 0], [0, 0], rows!, cols!];
}

function shapes(c: ConvCase): { x: [number, number, number, number]; dy: number[] } {
  const info = tf.backend_util.computeConv2DInfo(
    [c.n, c.h, c.w, c.ci],
    [c.kh, c.kw, c.ci, c.co],
    c.strides,
    1,
    c.pad,
  );
  const nhwc = [c.n, c.h, c.w, c.ci] as [number, number, number, number];
  const dy = [c.n, info.outHeight, info.outWidth, c.co];
  if (c.dataFormat === 'NHWC') return { x: nhwc, dy };
  return { x: [c.n, c.ci, c.h, c.w], dy: [c.n, c.co, info.outHeight, info.outWidth] };
}

const CASES = 60;

describe('Conv2DBackpropInput and Conv2DBackpropFilter on wasm', () => {
  it('match the cpu backend on random shapes, strides, paddings and layouts', async () => {
    const random = seededRandom(20240611);
    for (let i = 0; i < CASES; i++) {
      const c = randomCase(random);
      const { x, dy } = shapes(c);
      if (dy.some((d) => d <= 0)) continue;
      const xs = randomValues(random, x);
      const dys = randomValues(random, dy);
      const ws = randomValues(random, [c.kh, c.kw, c.ci, c.co]);
      const attrs = { strides: c.strides, pad: explicitForFormat(c), dataFormat: c.dataFormat };
      const label = `case ${i} ${JSON.stringify(c)}`;
      await assertMatchesCpu(
        `${label} input gradient`,
        () =>
          tf.engine().runKernel(
            tf.Conv2DBackpropInput,
            { dy: tf.tensor(dys, dy), filter: tf.tensor(ws, [c.kh, c.kw, c.ci, c.co]) },
            {
              ...attrs,
              inputShape: x,
            },
          ) as tf.Tensor,
      );
      await assertMatchesCpu(
        `${label} filter gradient`,
        () =>
          tf.engine().runKernel(
            tf.Conv2DBackpropFilter,
            { x: tf.tensor(xs, x), dy: tf.tensor(dys, dy) },
            {
              ...attrs,
              filterShape: [c.kh, c.kw, c.ci, c.co],
            },
          ) as tf.Tensor,
      );
    }
  });
});
