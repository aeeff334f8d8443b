import * as tf from '../tf.js';

/**
 * The part of tfjs-backend-wasm's `BackendWasm` that gantry's kernels use: allocating outputs
 * on the wasm heap, viewing tensors in place, and freeing intermediates. Declared here rather
 * than imported because the package does not export the class from its entry point.
 */
export interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.TypedArray;
  /** Adds a reference to data another tensor shares. */
  incRef(dataId: tf.DataId): void;
  /** Drops one reference (all with `force`); true once the data is freed. */
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
}

/** The arguments the engine passes to a wasm kernel. */
export interface WasmKernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: WasmBackend;
  attrs?: tf.NamedAttrMap;
}

/** A kernel body as gantry writes them: typed to the wasm backend. */
export type WasmKernelFunc = (args: WasmKernelArgs) => tf.TensorInfo;

/** Raised when a gantry wasm kernel is handed something it does not implement. */
export class WasmKernelError extends Error {
  override readonly name = 'WasmKernelError';
}

/**
 * A float32 view of a tensor on the wasm heap. Take views only after the last allocation a
 * kernel makes: growing the heap detaches every view taken before.
 */
export function heapF32(backend: WasmBackend, info: tf.TensorInfo): Float32Array {
  const view = backend.typedArrayFromHeap(info);
  if (!(view instanceof Float32Array)) {
    throw new WasmKernelError(
      `gantry's wasm training kernels take float32 tensors, got ${info.dtype}: cast the input first`,
    );
  }
  return view;
}

/** The same data under another shape of the same size, without a copy or a new reference. */
export function withShape(info: tf.TensorInfo, shape: number[]): tf.TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

/** Frees intermediates a kernel allocated (never its inputs or its output). */
export function release(backend: WasmBackend, ...infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

/** Throws a {@link WasmKernelError} naming the kernel and input unless every input is float32. */
export function assertFloat32(kernel: string, inputs: tf.NamedTensorInfoMap): void {
  for (const [name, info] of Object.entries(inputs)) {
    if (info !== undefined && info.dtype !== 'float32') {
      throw new WasmKernelError(
        `${kernel} on wasm: input "${name}" is ${info.dtype}; gantry's kernel computes in ` +
          'float32, so cast it with tf.cast(x, "float32")',
      );
    }
  }
}

/** Input `name` of a kernel call; a {@link WasmKernelError} naming kernel and input if absent. */
export function input(kernel: string, inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const info = inputs[name];
  if (info === undefined) {
    throw new WasmKernelError(`${kernel} on wasm was called without its "${name}" input`);
  }
  return info;
}
