import * as tf from '../tf.js';
import { transposeStock } from './stock-kernels.js';
import type { WasmBackend } from './wasm-backend.js';
import { withShape } from './wasm-backend.js';

/**
 * Materialised transposes of matMul operands used as `bᵀ`, kept as long as the tensor they were
 * made from lives.
 *
 * A dense layer's backward pass multiplies by its weights transposed, `dy·Wᵀ`, and a training
 * step does so several times with the same W (the real and the generated batch, and twice more
 * for a gradient penalty's second-order pass). XNNPACK packs a product's right operand into its
 * own layout and caches that packing per tensor, so keeping one Wᵀ tensor saves both the
 * transpose and the repacking: together about a third of such a product's time.
 *
 * A tensor's data never changes while it lives (a variable's assign gives it new data), so an
 * entry stays valid until its source is freed; the cache learns that by wrapping the backend's
 * `disposeData`, and frees the entry with it. The price is memory: a `bᵀ` lives as long as its
 * b, one extra copy of each weight matrix for a dense network.
 */
const caches = new WeakMap<WasmBackend, Map<tf.DataId, tf.TensorInfo>>();

function cacheOf(backend: WasmBackend): Map<tf.DataId, tf.TensorInfo> {
  const existing = caches.get(backend);
  if (existing !== undefined) return existing;
  const cache = new Map<tf.DataId, tf.TensorInfo>();
  const dispose = backend.disposeData.bind(backend);
  backend.disposeData = (dataId, force) => {
    const freed = dispose(dataId, force);
    const entry = freed ? cache.get(dataId) : undefined;
    if (entry !== undefined) {
      cache.delete(dataId);
      dispose(entry.dataId, true);
    }
    return freed;
  };
  caches.set(backend, cache);
  return cache;
}

/**
 * The transpose `[cols, rows]` of the row-major matrix `b` `[rows, cols]`, made once per tensor
 * and owned by the cache: the caller must not release it.
 *
 * @param backend - the wasm backend.
 * @param b - a float32 tensor read as a `[rows, cols]` matrix.
 * @param rows - rows of b as stored.
 * @param cols - columns of b as stored.
 * @returns bᵀ, valid while b lives.
 */
export function transposedWeights(
  backend: WasmBackend,
  b: tf.TensorInfo,
  rows: number,
  cols: number,
): tf.TensorInfo {
  const cache = cacheOf(backend);
  const hit = cache.get(b.dataId);
  if (hit !== undefined && hit.shape[0] === cols && hit.shape[1] === rows) return hit;
  if (hit !== undefined) backend.disposeData(hit.dataId, true);
  const transposed = transposeStock(backend, withShape(b, [rows, cols]), [1, 0]);
  cache.set(b.dataId, transposed);
  return transposed;
}
