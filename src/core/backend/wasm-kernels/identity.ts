import * as tf from '../tf.js';
import { runStock } from './stock-kernels.js';
import type { WasmKernelArgs } from './wasm-backend.js';
import { input } from './wasm-backend.js';

/**
 * gantry's `Identity` for wasm: the clone shares its input's data, as on the cpu and webgl
 * backends, instead of copying it as the stock wasm kernel does.
 *
 * tfjs clones every tensor a gradient saves, so a training step makes a hundred clones, each of
 * them a copy on stock wasm. A copy also has a new identity, which defeats XNNPACK's cache of
 * packed weights (and gantry's cache of transposed weights): the backward products would see a
 * fresh W each time. Sharing is safe because a tensor's data never changes while it lives; the
 * backend frees it when the last sharer is disposed. Strings go to the stock kernel.
 */
export function identity(args: WasmKernelArgs): tf.TensorInfo {
  const x = input(tf.Identity, args.inputs, 'x');
  if (x.dtype === 'string') return runStock(tf.Identity, args.backend, args.inputs);
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
}
