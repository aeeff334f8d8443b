/**
 * GFLOP/s of the wasm backend's training kernels, tfjs's stock kernel against gantry's, at the
 * shapes of gantry's GAN models, next to XNNPACK's forward rate for the same FLOPs (the
 * reference gantry's kernels aim to stay within 1.5× of).
 *
 * Shapes: DCGAN 28×28 (batch 64), DCGAN 64×64 (batch 16, one and three image channels, base
 * filters 32), MLP WGAN-GP (batch 256, width 512, 2-D data). A conv geometry stands for three
 * kernels of both networks: the critic's conv2d and the generator's conv2dTranspose share it,
 * and the gradient-penalty path reruns the same Conv2DBackpropInput/Filter shapes.
 *
 * Timing: gantry's kernel and the reference alternate within each round, and each keeps its
 * fastest call over the rounds. On a machine shared with other work the fastest call is the one
 * least disturbed, and alternating exposes both to the same load, so the ratio stays stable.
 *
 * Run: `node --import tsx bench/kernels.ts` (a table, then one JSON line).
 */
import { pathToFileURL } from 'node:url';
import { initBackend } from '../src/core/backend/index.js';
import * as tf from '../src/core/backend/tf.js';
import {
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
} from '../src/core/backend/wasm-kernels/register.js';
import { silentLogger } from '../src/core/logger.js';

/** One measured kernel: rates in GFLOP/s; `stock` is null where wasm has no such kernel. */
export interface KernelBenchmarkRow {
  model: string;
  kernel: string;
  shape: string;
  gflop: number;
  stock: number | null;
  gantry: number;
  /** XNNPACK's forward rate at the same FLOPs (matMul untransposed, or conv2d forward). */
  reference: number;
  /** reference ÷ gantry: how many times slower than the forward path gantry's kernel runs. */
  slowdown: number;
}

interface Case {
  model: string;
  kernel: string;
  shape: string;
  gflop: number;
  run: () => tf.Tensor;
  reference: () => tf.Tensor;
}

function matMulCase(
  model: string,
  m: number,
  k: number,
  n: number,
  ta: boolean,
  tb: boolean,
): Case {
  const a = tf.randomNormal(ta ? [k, m] : [m, k]);
  const b = tf.randomNormal(tb ? [n, k] : [k, n]);
  const plainA = tf.randomNormal([m, k]);
  const plainB = tf.randomNormal([k, n]);
  const kind = ta ? 'transposeA' : tb ? 'transposeB' : 'plain';
  return {
    model,
    kernel: `matMul ${kind}`,
    shape: `${m}x${k}x${n}`,
    gflop: (2 * m * k * n) / 1e9,
    run: () => tf.matMul(a, b, ta, tb),
    reference: () => tf.matMul(plainA, plainB),
  };
}

type Shape4 = [number, number, number, number];

function convCases(model: string, x: Shape4, filter: Shape4, stride: number): Case[] {
  const xs = tf.randomNormal(x) as tf.Tensor4D;
  const w = tf.randomNormal(filter) as tf.Tensor4D;
  const y = tf.conv2d(xs, w, stride, 'same');
  const dy = tf.randomNormal(y.shape);
  const [, oh, ow, co] = y.shape;
  const gflop = (2 * x[0] * oh * ow * filter[0] * filter[1] * filter[2] * co) / 1e9;
  const shape = `x ${x.join('x')} w ${filter.join('x')} s${stride}`;
  const attrs = { strides: stride, pad: 'same', dataFormat: 'NHWC' };
  const forward = (): tf.Tensor => tf.conv2d(xs, w, stride, 'same');
  const base = { model, shape, gflop, reference: forward };
  return [
    { ...base, kernel: 'conv2d forward', run: forward },
    {
      ...base,
      kernel: 'Conv2DBackpropInput',
      run: () =>
        tf
          .engine()
          .runKernel(
            tf.Conv2DBackpropInput,
            { dy, filter: w },
            { ...attrs, inputShape: x },
          ) as tf.Tensor,
    },
    {
      ...base,
      kernel: 'Conv2DBackpropFilter',
      run: () =>
        tf
          .engine()
          .runKernel(
            tf.Conv2DBackpropFilter,
            { x: xs, dy },
            { ...attrs, filterShape: filter },
          ) as tf.Tensor,
    },
  ];
}

function cases(): Case[] {
  const conv = (model: string, x: number[], f: number[]): Case[] =>
    convCases(model, x as Shape4, f as Shape4, 2);
  return [
    matMulCase('mlp', 256, 512, 512, false, false),
    matMulCase('mlp', 512, 256, 512, true, false),
    matMulCase('mlp', 256, 512, 512, false, true),
    matMulCase('mlp', 2, 256, 512, true, false),
    matMulCase('mlp', 256, 512, 2, false, true),
    matMulCase('dcgan', 64, 100, 3136, false, false),
    matMulCase('dcgan', 100, 64, 3136, true, false),
    matMulCase('dcgan', 64, 3136, 100, false, true),
    ...conv('dcgan', [64, 28, 28, 1], [5, 5, 1, 32]),
    ...conv('dcgan', [64, 14, 14, 32], [5, 5, 32, 64]),
    ...conv('dcgan64', [16, 64, 64, 1], [5, 5, 1, 32]),
    ...conv('dcgan64', [16, 64, 64, 3], [5, 5, 3, 32]),
    ...conv('dcgan64', [16, 32, 32, 32], [5, 5, 32, 64]),
    ...conv('dcgan64', [16, 16, 16, 64], [5, 5, 64, 128]),
    ...conv('dcgan64', [16, 8, 8, 128], [5, 5, 128, 256]),
  ];
}

/** Milliseconds of one call, the result read back and freed. */
function callMs(f: () => tf.Tensor): number {
  const start = performance.now();
  tf.tidy(() => void f().dataSync());
  return performance.now() - start;
}

/** Fastest call of each function over interleaved rounds (one warm-up call each first). */
function fastestInterleaved(fs: Array<() => tf.Tensor>, rounds: number): number[] {
  const best = fs.map((f) => (callMs(f), Infinity));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? fs.map((_, i) => i) : fs.map((_, i) => fs.length - 1 - i);
    for (const i of order) best[i] = Math.min(best[i]!, callMs(fs[i]!));
  }
  return best;
}

function hasStockKernel(kernel: string): boolean {
  return tf.getKernel(kernel === 'matMul' ? tf.BatchMatMul : kernel, 'wasm') !== undefined;
}

/**
 * Measures every training kernel on wasm with tfjs's stock kernels and with gantry's, and
 * leaves gantry's registered.
 *
 * @param rounds - interleaved rounds per kernel (the fastest call of each counts).
 * @returns one row per kernel and shape.
 */
export async function runKernelBenchmarks(rounds = 15): Promise<KernelBenchmarkRow[]> {
  await initBackend({ backend: 'wasm', logger: silentLogger });
  // The cases' tensors live for the whole run; the script ends with the process.
  const rows: KernelBenchmarkRow[] = [];
  for (const c of cases()) {
    const name = c.kernel.split(' ')[0]!;
    unregisterWasmTrainingKernels();
    // The stock kernels run up to 20× slower: two calls bound their rate well enough.
    const stockMs =
      name === 'conv2d' || hasStockKernel(name) ? fastestInterleaved([c.run], 1)[0]! : null;
    registerWasmTrainingKernels();
    const [gantryMs, referenceMs] = fastestInterleaved([c.run, c.reference], rounds);
    const rate = (ms: number): number => c.gflop / (ms / 1000);
    rows.push({
      model: c.model,
      kernel: c.kernel,
      shape: c.shape,
      gflop: c.gflop,
      stock: stockMs === null ? null : rate(stockMs),
      gantry: rate(gantryMs!),
      reference: rate(referenceMs!),
      slowdown: gantryMs! / referenceMs!,
    });
  }
  return rows;
}

function printTable(rows: KernelBenchmarkRow[]): void {
  const f = (v: number | null): string => (v === null ? 'n/a' : v.toFixed(2));
  const header = [
    'model',
    'kernel',
    'shape',
    'stock GFLOP/s',
    'gantry GFLOP/s',
    'forward ref',
    'ref/gantry',
  ];
  const lines = rows.map((r) => [
    r.model,
    r.kernel,
    r.shape,
    f(r.stock),
    f(r.gantry),
    f(r.reference),
    f(r.slowdown),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines])
    console.log(line.map((cell, i) => cell.padEnd(widths[i]!)).join('  '));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await runKernelBenchmarks();
  printTable(rows);
  console.log(JSON.stringify({ bench: 'wasm-kernels', rows }));
}
