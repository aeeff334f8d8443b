import * as tf from '../tf.js';
import type { WasmBackend, WasmKernelArgs } from './wasm-backend.js';
import { WasmKernelError } from './wasm-backend.js';

/**
 * The wasm backend's own kernel configs, captured before gantry replaces any of them, so that
 * gantry's kernels can compose XNNPACK's fast paths and the stock versions can be restored.
 */
const captured = new Map<string, tf.KernelConfig>();

/** The stock kernels gantry's kernels are built from or replace. */
export const STOCK_KERNEL_NAMES = [
  tf.BatchMatMul,
  tf._FusedMatMul,
  tf.Conv2D,
  tf.Conv2DBackpropInput,
  tf.Identity,
  tf.LeakyRelu,
  tf.Prelu,
  tf.Slice,
  tf.Sum,
  tf.Transpose,
] as const;

/** Records the stock configs of {@link STOCK_KERNEL_NAMES}; later calls keep the first record. */
export function captureStockKernels(): void {
  for (const name of STOCK_KERNEL_NAMES) {
    if (captured.has(name)) continue;
    const config = tf.getKernel(name, 'wasm');
    if (config === undefined) {
      throw new WasmKernelError(
        `the wasm backend registers no ${name} kernel; gantry expects @tensorflow/tfjs-backend-wasm ` +
          `${tf.version_core}, so install that version`,
      );
    }
    captured.set(name, config);
  }
}

/** The stock wasm config of a kernel (captured by {@link captureStockKernels}). */
export function stockKernelConfig(name: (typeof STOCK_KERNEL_NAMES)[number]): tf.KernelConfig {
  const config = captured.get(name);
  if (config === undefined) {
    throw new WasmKernelError(
      `stock wasm kernel ${name} was not captured: call captureStockKernels first`,
    );
  }
  return config;
}

/** Runs a stock wasm kernel directly, outside the engine (no tape, no tracking). */
export function runStock(
  name: (typeof STOCK_KERNEL_NAMES)[number],
  backend: WasmBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const args: WasmKernelArgs = { inputs, backend, attrs };
  // The engine calls kernels with its own backend type; ours is the structural subset of it.
  return stockKernelConfig(name).kernelFunc(
    args as unknown as Parameters<tf.KernelFunc>[0],
  ) as tf.TensorInfo;
}

/** Transposes with the stock kernel, which also drops size-one axes before permuting. */
export function transposeStock(
  backend: WasmBackend,
  x: tf.TensorInfo,
  perm: number[],
): tf.TensorInfo {
  return runStock(tf.Transpose, backend, { x }, { perm });
}
