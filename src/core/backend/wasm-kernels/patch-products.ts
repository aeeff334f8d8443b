import * as tf from '../tf.js';
import type { ConvGeometry } from './conv-geometry.js';
import { plainProduct } from './mat-mul.js';
import {
  gatherPatchesTransposed,
  scatterAddPatches,
  scatterAddPatchesTransposed,
} from './patches.js';
import { runStock, transposeStock } from './stock-kernels.js';
import type { WasmBackend } from './wasm-backend.js';
import { heapF32, release, withShape } from './wasm-backend.js';

/**
 * The convolution gradients as matrix products over patch matrices (see ./patches.ts), for
 * the shapes where XNNPACK's convolution is slow: few channels on the convolution's output
 * side. Both products compute exactly the convolution's multiply-adds, on XNNPACK's matMul.
 *
 * The batch is processed in chunks so that a patch matrix stays within
 * {@link PATCH_BUDGET_FLOATS}; chunks also keep the matrix closer to the cache.
 */

/**
 * Whether the patch formulation is the faster one for a convolution's gradients: when a patch
 * row (kh·kw·ci taps) is no longer than a dy row (co channels). Then moving the patch matrix
 * costs no more than reading dy, while XNNPACK's convolutions are at their slowest: the input
 * gradient's convolution has only ci output channels (its microkernels compute eight at a
 * time), and the filter gradient's has only kh·kw·ci output pixels. Wider layers keep their
 * convolution paths, which move less memory.
 *
 * @param g - the convolution.
 * @returns true where {@link inputGradientByPatches} and {@link filterGradientByPatches} win.
 */
export function preferPatches(g: ConvGeometry): boolean {
  return g.kh * g.kw * g.ci <= g.co;
}

/** Largest patch matrix materialised at once, in floats (16 MiB). */
export const PATCH_BUDGET_FLOATS = 1 << 22;

/** Images per chunk: as many as fit the budget, at least one. */
function chunkImages(g: ConvGeometry, budgetFloats: number): number {
  const perImage = g.oh * g.ow * g.kh * g.kw * g.ci;
  return Math.max(1, Math.min(g.n, Math.floor(budgetFloats / perImage)));
}

/** One chunk of the batch: images [b0, b0 + count), `positions` output positions. */
interface Chunk {
  b0: number;
  count: number;
  positions: number;
  /** dy's rows of the chunk's images [count, oh, ow, co]. */
  dyRows: tf.TensorInfo;
}

/** The batch's chunks in order, none when dy is empty; each chunk's dy rows are freed after it. */
function* chunks(
  backend: WasmBackend,
  dy: tf.TensorInfo,
  g: ConvGeometry,
  budgetFloats: number,
): Generator<Chunk> {
  if (g.n * g.oh * g.ow === 0) return;
  const step = chunkImages(g, budgetFloats);
  for (let b0 = 0; b0 < g.n; b0 += step) {
    const count = Math.min(step, g.n - b0);
    const dyRows = imagesOf(backend, dy, b0, count);
    try {
      yield { b0, count, positions: count * g.oh * g.ow, dyRows };
    } finally {
      if (dyRows !== dy) release(backend, dyRows);
    }
  }
}

/** Images [b0, b0 + count) of an NHWC tensor: the tensor itself when that is all of it. */
function imagesOf(
  backend: WasmBackend,
  t: tf.TensorInfo,
  b0: number,
  count: number,
): tf.TensorInfo {
  const [n, a, b, c] = t.shape as [number, number, number, number];
  if (b0 === 0 && count === n) return t;
  return runStock(tf.Slice, backend, { x: t }, { begin: [b0, 0, 0, 0], size: [count, a, b, c] });
}

/**
 * dx of a convolution (`Conv2DBackpropInput`) by col2im: per chunk, cols [M, K] = dy [M, co] ·
 * wᵀ [co, K], transposed, then each entry is added into the input position it came from.
 *
 * @param backend - the wasm backend.
 * @param dy - dy [n, oh, ow, co].
 * @param filter - w [kh, kw, ci, co].
 * @param g - the convolution.
 * @param budgetFloats - the largest patch matrix to materialise at once.
 * @returns dx [n, h, w, ci].
 */
export function inputGradientByPatches(
  backend: WasmBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  budgetFloats = PATCH_BUDGET_FLOATS,
): tf.TensorInfo {
  const taps = g.kh * g.kw * g.ci;
  const dx = backend.makeOutput([g.n, g.h, g.w, g.ci], 'float32');
  heapF32(backend, dx).fill(0);
  if (g.n * g.oh * g.ow === 0) return dx;
  const wT = transposeStock(backend, withShape(filter, [taps, g.co]), [1, 0]);
  for (const { b0, count, positions, dyRows } of chunks(backend, dy, g, budgetFloats)) {
    const cols = plainProduct(backend, dyRows, wT, positions, g.co, taps);
    addPatches(backend, cols, dx, g, b0, count);
  }
  release(backend, wT);
  return dx;
}

/** col2im of one chunk's patch matrix cols [M, K] into dx; frees cols. */
function addPatches(
  backend: WasmBackend,
  cols: tf.TensorInfo,
  dx: tf.TensorInfo,
  g: ConvGeometry,
  b0: number,
  count: number,
): void {
  const positions = count * g.oh * g.ow;
  // A transpose of M rows writes at a stride of M floats: 4 KiB-aligned strides thrash a cache set.
  if (positions % 1024 === 0) {
    scatterAddPatches(heapF32(backend, cols), heapF32(backend, dx), g, b0, count);
    release(backend, cols);
    return;
  }
  const colsT = transposeStock(backend, withShape(cols, [positions, g.kh * g.kw * g.ci]), [1, 0]);
  release(backend, cols);
  scatterAddPatchesTransposed(heapF32(backend, colsT), heapF32(backend, dx), g, b0, count);
  release(backend, colsT);
}

/**
 * dW of a convolution (`Conv2DBackpropFilter`) by im2col: per chunk, dW [K, co] += colT [K, M] ·
 * dy [M, co], with colT the transposed patch matrix of x.
 *
 * @param backend - the wasm backend.
 * @param x - x [n, h, w, ci].
 * @param dy - dy [n, oh, ow, co].
 * @param g - the convolution.
 * @param budgetFloats - the largest patch matrix to materialise at once.
 * @returns dW [kh, kw, ci, co].
 */
export function filterGradientByPatches(
  backend: WasmBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: ConvGeometry,
  budgetFloats = PATCH_BUDGET_FLOATS,
): tf.TensorInfo {
  const taps = g.kh * g.kw * g.ci;
  let dW: tf.TensorInfo | undefined;
  for (const { b0, count, positions, dyRows } of chunks(backend, dy, g, budgetFloats)) {
    const colT = backend.makeOutput([taps, positions], 'float32');
    gatherPatchesTransposed(heapF32(backend, x), heapF32(backend, colT), g, b0, count);
    const product = plainProduct(backend, colT, dyRows, taps, positions, g.co);
    release(backend, colT);
    if (dW === undefined) {
      dW = product;
    } else {
      const sum = heapF32(backend, dW);
      const add = heapF32(backend, product);
      for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + add[i]!;
      release(backend, product);
    }
  }
  if (dW === undefined) {
    // An empty dy: nothing contributes.
    dW = backend.makeOutput([taps, g.co], 'float32');
    heapF32(backend, dW).fill(0);
  }
  return withShape(dW, [g.kh, g.kw, g.ci, g.co]);
}
