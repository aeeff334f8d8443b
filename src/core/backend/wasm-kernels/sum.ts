import * as tf from '../tf.js';
import { runStock } from './stock-kernels.js';
import type { WasmBackend, WasmKernelArgs } from './wasm-backend.js';
import { heapF32, input } from './wasm-backend.js';

/**
 * The number of leading axes a sum reduces, when they are exactly the first axes of a non-empty
 * float32 tensor with at least one axis left over: the shape of every bias gradient (`[N, C]`
 * summed over N, `[N, H, W, C]` over N, H, W). Undefined otherwise.
 */
function leadingAxes(x: tf.TensorInfo, axis: number | number[]): number | undefined {
  if (x.dtype !== 'float32' || tf.util.sizeFromShape(x.shape) === 0) return undefined;
  const axes = [...new Set(tf.util.parseAxisParam(axis, x.shape))].sort((p, q) => p - q);
  const leading = axes.every((a, i) => a === i);
  return leading && axes.length > 0 && axes.length < x.shape.length ? axes.length : undefined;
}

/**
 * Column sums of a row-major [rows, cols] matrix, four rows per pass (a quarter of the
 * accumulator traffic), accumulated in double precision.
 */
function columnSums(src: Float32Array, rows: number, cols: number): Float64Array {
  const acc = new Float64Array(cols);
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const r0 = r * cols;
    const r1 = r0 + cols;
    const r2 = r1 + cols;
    const r3 = r2 + cols;
    for (let c = 0; c < cols; c++) {
      acc[c]! += src[r0 + c]! + src[r1 + c]! + (src[r2 + c]! + src[r3 + c]!);
    }
  }
  for (; r < rows; r++) {
    const r0 = r * cols;
    for (let c = 0; c < cols; c++) acc[c]! += src[r0 + c]!;
  }
  return acc;
}

function sumLeading(backend: WasmBackend, x: tf.TensorInfo, count: number, keepDims: boolean) {
  const kept = x.shape.slice(count);
  const rows = tf.util.sizeFromShape(x.shape.slice(0, count));
  const cols = tf.util.sizeFromShape(kept);
  const shape = keepDims ? [...new Array<number>(count).fill(1), ...kept] : kept;
  const out = backend.makeOutput(shape, 'float32');
  heapF32(backend, out).set(columnSums(heapF32(backend, x), rows, cols));
  return out;
}

/**
 * gantry's `Sum` for wasm. The stock kernel reduces only innermost axes, so for a sum over
 * leading axes (every bias gradient) it first transposes the whole input with its slow
 * transpose. gantry's sums such columns in place, reading the input once; other sums go to the
 * stock kernel.
 */
export function sum(args: WasmKernelArgs): tf.TensorInfo {
  const x = input(tf.Sum, args.inputs, 'x');
  const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
  const count = leadingAxes(x, axis);
  if (count === undefined) return runStock(tf.Sum, args.backend, args.inputs, args.attrs);
  return sumLeading(args.backend, x, count, keepDims);
}
