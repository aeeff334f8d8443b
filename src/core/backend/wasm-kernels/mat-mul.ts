import * as tf from '../tf.js';
import { runStock, transposeStock } from './stock-kernels.js';
import { transposedWeights } from './transposed-weights.js';
import type { WasmBackend, WasmKernelArgs } from './wasm-backend.js';
import { input, release, withShape } from './wasm-backend.js';

/**
 * XNNPACK's fully-connected path is the only fast matMul the wasm backend has, and tfjs takes
 * it only for one untransposed product (batch 1). Every other case runs a naive C++ loop about
 * ten times slower, and dense layers' backward passes are exactly those cases (`dy·Wᵀ`, `xᵀ·dy`).
 * So gantry materialises the transposes, which costs memory traffic linear in the operands
 * instead of a slow product cubic in them.
 */

interface MatMulShape {
  /** Rows of op(a), columns of op(b), the shared dimension. */
  m: number;
  n: number;
  k: number;
  /** Batch sizes of a and b (product of their outer dimensions). */
  batchA: number;
  batchB: number;
  outShape: number[];
}

function matMulShape(a: tf.TensorInfo, b: tf.TensorInfo, ta: boolean, tb: boolean): MatMulShape {
  const ra = a.shape.length;
  const rb = b.shape.length;
  const m = ta ? a.shape[ra - 1]! : a.shape[ra - 2]!;
  const k = ta ? a.shape[ra - 2]! : a.shape[ra - 1]!;
  const n = tb ? b.shape[rb - 2]! : b.shape[rb - 1]!;
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(
    a.shape.slice(0, -2),
    b.shape.slice(0, -2),
  );
  return {
    m,
    n,
    k,
    batchA: tf.util.sizeFromShape(a.shape.slice(0, -2)),
    batchB: tf.util.sizeFromShape(b.shape.slice(0, -2)),
    outShape: [...outer, m, n],
  };
}

/** The XNNPACK product `a·b` of row-major matrices a [m, k] and b [k, n]; b is packed as weights. */
export function plainProduct(
  backend: WasmBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  m: number,
  k: number,
  n: number,
): tf.TensorInfo {
  const attrs = { transposeA: false, transposeB: false };
  return runStock(
    tf.BatchMatMul,
    backend,
    { a: withShape(a, [m, k]), b: withShape(b, [k, n]) },
    attrs,
  );
}

function transpose2d(
  backend: WasmBackend,
  x: tf.TensorInfo,
  rows: number,
  cols: number,
): tf.TensorInfo {
  return transposeStock(backend, withShape(x, [rows, cols]), [1, 0]);
}

/**
 * Cost of XNNPACK packing one element of a right-hand operand, in units of one element moved by
 * a transpose. XNNPACK packs the right operand into its own layout on every product whose
 * operand it has not seen (it caches by tensor); measured on a fresh 512×512 operand, packing
 * takes about 3 ms beside a 7 ms product, some 2.5 times a transpose of the same operand.
 */
const PACK_COST = 2.5;

/**
 * Computes op(a)·op(b) for matrices. `a·bᵀ` (a dense layer's `dy·Wᵀ`) multiplies by the cached
 * transpose of b (see {@link transposedWeights}). Otherwise, by the cheaper of two orders:
 * direct, transposing the operands that are stored transposed; or swapped, computing
 * (op(b)ᵀ·op(a)ᵀ)ᵀ, which needs a transposed operand exactly where direct does not, plus one
 * transpose of the output. Cost counts elements moved by transposes and by XNNPACK's packing of
 * the right-hand operand ({@link PACK_COST}).
 */
function productOfMatrices(
  backend: WasmBackend,
  a: tf.TensorInfo,
  b: tf.TensorInfo,
  ta: boolean,
  tb: boolean,
  s: MatMulShape,
): tf.TensorInfo {
  const { m, n, k } = s;
  if (tb && !ta) return plainProduct(backend, a, transposedWeights(backend, b, n, k), m, k, n);
  const directCost = (ta ? m * k : 0) + (tb ? k * n : 0) + PACK_COST * k * n;
  const swappedCost = (ta ? 0 : m * k) + (tb ? 0 : k * n) + m * n + PACK_COST * m * k;
  if (directCost <= swappedCost) {
    const left = ta ? transpose2d(backend, a, k, m) : a;
    const right = tb ? transpose2d(backend, b, n, k) : b;
    const out = plainProduct(backend, left, right, m, k, n);
    if (left !== a) release(backend, left);
    if (right !== b) release(backend, right);
    return out;
  }
  const left = tb ? b : transpose2d(backend, b, k, n);
  const right = ta ? a : transpose2d(backend, a, m, k);
  const outT = plainProduct(backend, left, right, n, k, m);
  if (left !== b) release(backend, left);
  if (right !== a) release(backend, right);
  const out = transpose2d(backend, outT, n, m);
  release(backend, outT);
  return out;
}

/**
 * gantry's `BatchMatMul` for wasm: XNNPACK for every transpose combination of single matrices,
 * and for a batch of left operands against one right operand (one tall product); other batched
 * products go to the stock kernel.
 */
export function batchMatMul(args: WasmKernelArgs): tf.TensorInfo {
  const a = input(tf.BatchMatMul, args.inputs, 'a');
  const b = input(tf.BatchMatMul, args.inputs, 'b');
  const { transposeA, transposeB } = args.attrs as unknown as tf.BatchMatMulAttrs;
  const backend = args.backend;
  const s = matMulShape(a, b, transposeA, transposeB);
  if (s.batchB === 1 && s.batchA > 1 && !transposeA) {
    const tall = { ...s, m: s.m * s.batchA, batchA: 1 };
    const out = productOfMatrices(backend, a, b, false, transposeB, tall);
    return withShape(out, s.outShape);
  }
  if (s.batchA !== 1 || s.batchB !== 1)
    return runStock(tf.BatchMatMul, backend, args.inputs, args.attrs);
  return withShape(productOfMatrices(backend, a, b, transposeA, transposeB, s), s.outShape);
}

/**
 * gantry's `_FusedMatMul` for wasm: materialises transposed operands (b's from the cache of
 * {@link transposedWeights}) and runs XNNPACK's fused
 * product (bias and activation applied in the same pass), which only the untransposed case
 * reaches in the stock kernel.
 */
export function fusedMatMul(args: WasmKernelArgs): tf.TensorInfo {
  const inputs = args.inputs as tf._FusedMatMulInputs;
  const attrs = args.attrs as unknown as tf._FusedMatMulAttrs;
  const backend = args.backend;
  const { a, b } = inputs;
  const s = matMulShape(a, b, attrs.transposeA, attrs.transposeB);
  const batched = s.batchA !== 1 || s.batchB !== 1;
  if (batched || (!attrs.transposeA && !attrs.transposeB)) {
    return runStock(tf._FusedMatMul, backend, args.inputs, args.attrs);
  }
  // The stock kernel reads rank-3 operands, as tf.fused.matMul hands them over.
  const left = attrs.transposeA ? transpose2d(backend, a, s.k, s.m) : a;
  const right = attrs.transposeB ? transposedWeights(backend, b, s.n, s.k) : b;
  const out = runStock(
    tf._FusedMatMul,
    backend,
    { ...inputs, a: withShape(left, [1, s.m, s.k]), b: withShape(right, [1, s.k, s.n]) },
    { ...attrs, transposeA: false, transposeB: false },
  );
  if (left !== a) release(backend, left);
  return withShape(out, s.outShape);
}
