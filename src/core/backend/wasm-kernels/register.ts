import {
  registerActivationGradients,
  unregisterActivationGradients,
} from '../activation-gradients.js';
import * as tf from '../tf.js';
import { conv2dBackpropFilter } from './conv2d-backprop-filter.js';
import { conv2dBackpropInput } from './conv2d-backprop-input.js';
import { depthwiseBackpropFilter, depthwiseBackpropInput } from './depthwise-backprop.js';
import { identity } from './identity.js';
import { leakyRelu } from './leaky-relu.js';
import { batchMatMul, fusedMatMul } from './mat-mul.js';
import { captureStockKernels, stockKernelConfig } from './stock-kernels.js';
import { sum } from './sum.js';
import type { WasmKernelFunc } from './wasm-backend.js';

/** gantry's wasm kernels, by the kernel name they register under. */
const GANTRY_KERNELS: ReadonlyArray<readonly [string, WasmKernelFunc]> = [
  [tf.BatchMatMul, batchMatMul],
  [tf._FusedMatMul, fusedMatMul],
  [tf.Conv2DBackpropInput, conv2dBackpropInput],
  [tf.Conv2DBackpropFilter, conv2dBackpropFilter],
  [tf.DepthwiseConv2dNativeBackpropInput, depthwiseBackpropInput],
  [tf.DepthwiseConv2dNativeBackpropFilter, depthwiseBackpropFilter],
  [tf.Sum, sum],
  [tf.LeakyRelu, leakyRelu],
  [tf.Identity, identity],
];

let registered = false;

/**
 * Registers gantry's training kernels on the wasm backend: the gradients it lacks
 * (`Conv2DBackpropFilter`, the depthwise-convolution gradients) and faster versions of the
 * ones on every training step (`BatchMatMul` and `_FusedMatMul` with transposed operands,
 * `Conv2DBackpropInput`), all built on XNNPACK's forward matMul and convolution. Also faster
 * `Sum` over leading axes (bias gradients) and `LeakyRelu`, an `Identity` that shares data
 * instead of copying it, and ReLU and leaky ReLU gradients that run two fast kernels instead of
 * slow comparison and select loops (`registerActivationGradients`; gradients are global, so
 * these apply on every backend).
 *
 * Idempotent. A replaced kernel keeps the stock kernel's setup function, which prepares the
 * wasm entry points gantry's kernels call into.
 *
 * @example
 * ```ts
 * registerWasmTrainingKernels();
 * await tf.setBackend('wasm'); // conv nets now train on wasm
 * ```
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  captureStockKernels();
  for (const [kernelName, kernelFunc] of GANTRY_KERNELS) {
    const stock = tf.getKernel(kernelName, 'wasm');
    if (stock !== undefined) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({
      kernelName,
      backendName: 'wasm',
      // The engine passes its own backend type; gantry's kernels read the structural subset.
      kernelFunc: kernelFunc as unknown as tf.KernelFunc,
      ...(stock?.setupFunc === undefined ? {} : { setupFunc: stock.setupFunc }),
    });
  }
  registerActivationGradients();
  registered = true;
}

/**
 * Puts the stock wasm kernels back (and removes the ones wasm never had), so that a benchmark
 * or a test can compare against them. {@link registerWasmTrainingKernels} reinstalls gantry's.
 */
export function unregisterWasmTrainingKernels(): void {
  if (!registered) return;
  for (const [kernelName] of GANTRY_KERNELS) {
    tf.unregisterKernel(kernelName, 'wasm');
    const stock = stockConfigOf(kernelName);
    if (stock !== undefined) tf.registerKernel(stock);
  }
  unregisterActivationGradients();
  registered = false;
}

function stockConfigOf(kernelName: string): tf.KernelConfig | undefined {
  switch (kernelName) {
    case tf.BatchMatMul:
    case tf._FusedMatMul:
    case tf.Conv2DBackpropInput:
    case tf.Sum:
    case tf.LeakyRelu:
    case tf.Identity:
      return stockKernelConfig(kernelName);
    default:
      return undefined;
  }
}
