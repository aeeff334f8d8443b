/**
 * GFLOP/s of the wasm backend's training kernels, tfjs's stock kernel against gantry's, at the
 * shapes of gantry's GAN models, next to XNNPACK's forward rate for the same FLOPs (the
 * reference gantry's kernels aim to stay within 1.5× of).
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

function convCases(
  model: string,
  x: [number, number, number, number],
  filter: [number, number, number, number],
  stride: number,
): Case[] {
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
  return [
    matMulCase('mlp', 256, 512, 512, false, false),
    matMulCase('mlp', 512, 256, 512, true, false),
    matMulCase('mlp', 256, 512, 512, false, true),
    matMulCase('dcgan', 64, 100, 3136, false, false),
    matMulCase('dcgan', 100, 64, 3136, true, false),
    matMulCase('dcgan', 64, 3136, 100, false, true),
    ...convCases('dcgan', [64, 28, 28, 1], [5, 5, 1, 32], 2),
    ...convCases('dcgan', [64, 14, 14, 32], [5, 5, 32, 64], 2),
    ...convCases('dcgan64', [16, 32, 32, 64], [4, 4, 64, 128], 2),
  ];
}

/** Seconds per call: one warm-up, then calls until ~0.25 s has passed (at least two). */
function secondsPerCall(f: () => tf.Tensor): number {
  tf.tidy(() => void f().dataSync());
  let calls = 0;
  const start = performance.now();
  while (calls < 2 || performance.now() - start < 250) {
    tf.tidy(() => void f().dataSync());
    calls++;
  }
  return (performance.now() - start) / 1000 / calls;
}

function hasStockKernel(kernel: string): boolean {
  return tf.getKernel(kernel === 'matMul' ? tf.BatchMatMul : kernel, 'wasm') !== undefined;
}

/**
 * Measures every training kernel on wasm with tfjs's stock kernels and with gantry's, and
 * leaves gantry's registered.
 *
 * @returns one row per kernel and shape.
 */
export async function runKernelBenchmarks(): Promise<KernelBenchmarkRow[]> {
  await initBackend({ backend: 'wasm', logger: silentLogger });
  // The cases' tensors live for the whole run; the script ends with the process.
  const all = cases();
  const rows: KernelBenchmarkRow[] = [];
  for (const c of all) {
    unregisterWasmTrainingKernels();
    const name = c.kernel.split(' ')[0]!;
    const stock =
      name === 'conv2d' || hasStockKernel(name) ? c.gflop / secondsPerCall(c.run) : null;
    registerWasmTrainingKernels();
    const gantry = c.gflop / secondsPerCall(c.run);
    const reference = c.gflop / secondsPerCall(c.reference);
    rows.push({
      model: c.model,
      kernel: c.kernel,
      shape: c.shape,
      gflop: c.gflop,
      stock,
      gantry,
      reference,
      slowdown: reference / gantry,
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
