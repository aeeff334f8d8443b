import * as tf from '../tf.js';
import { runStock } from './stock-kernels.js';
import type { WasmKernelArgs } from './wasm-backend.js';
import { heapF32, input, release } from './wasm-backend.js';

/**
 * gantry's `LeakyRelu` for wasm. The stock kernel is a scalar loop that runs about fifteen
 * times slower than XNNPACK's PReLU, and leaky ReLU is PReLU with the same slope in every
 * channel: so gantry's runs the stock `Prelu` kernel with a slope vector filled with `alpha`.
 * Other dtypes and empty tensors go to the stock kernel.
 */
export function leakyRelu(args: WasmKernelArgs): tf.TensorInfo {
  const x = input(tf.LeakyRelu, args.inputs, 'x');
  const { alpha } = args.attrs as unknown as tf.LeakyReluAttrs;
  const size = tf.util.sizeFromShape(x.shape);
  if (x.dtype !== 'float32' || size === 0) {
    return runStock(tf.LeakyRelu, args.backend, args.inputs, args.attrs);
  }
  const backend = args.backend;
  const channels = x.shape.length === 0 ? 1 : x.shape[x.shape.length - 1]!;
  const slope = backend.makeOutput([channels], 'float32');
  heapF32(backend, slope).fill(alpha);
  const out = runStock(tf.Prelu, backend, { x, alpha: slope });
  release(backend, slope);
  return out;
}
