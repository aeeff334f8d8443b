import { BackendError } from '../backend-error.js';
import * as tf from '../tf.js';

/**
 * An op attribute as tfjs-node's `executeOp` takes it; a tensor value (`TF_ATTR_TENSOR`, a
 * Const's) only in a graph node.
 */
export interface OpAttr {
  name: string;
  type: number;
  value: boolean | number | string | number[] | boolean[] | TensorAttrValue;
}

/** A tensor attr's value: the TensorFlow dtype, the shape and that many elements' values. */
export interface TensorAttrValue {
  dtype: number;
  shape: number[];
  values: ArrayBufferView;
}

/** What `executeOp` returns per output: the new handle's id, shape and TensorFlow dtype. */
export interface OutputInfo {
  id: number;
  shape: number[];
  dtype: number;
}

/** One op of a function to register: its type, attrs and inputs as pairs `[node, output]`. */
export interface GraphNode {
  op: string;
  attrs: OpAttr[];
  /** Flat pairs `[node, output, node, output, …]`, nodes indexing earlier entries. */
  inputs: number[];
}

/**
 * tfjs-node's N-API binding: the calls the tracer wraps and the function registration
 * `gantry setup tensorflow` adds (`native/tfjs-binding-extensions/gantry_functions.cc`).
 */
export interface FunctionBinding {
  TF_FLOAT: number;
  TF_INT32: number;
  TF_ATTR_STRING: number;
  TF_ATTR_INT: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_TYPE: number;
  TF_ATTR_SHAPE: number;
  /** Exported by gantry's extension: tfjs-node's own binding never takes tensor attrs. */
  TF_ATTR_TENSOR: number;
  gantryFunctionsVersion?: number;
  executeOp(name: string, attrs: OpAttr[], inputIds: number[], numOutputs: number): OutputInfo[];
  createTensor(shape: number[], dtype: number, values: unknown): number;
  tensorDataSync(id: number): unknown;
  deleteTensor(id: number): void;
  getNumOfTensors(): number;
  registerFunction(
    name: string,
    nodes: GraphNode[],
    inputs: number[],
    outputs: number[],
    xla?: boolean,
  ): void;
  removeFunction(name: string): void;
  hasFunction(name: string): boolean;
}

/** What tfjs-node's backend keeps per tensor (`tensorMap`): its handle id and TF dtype. */
interface TensorData {
  id: number;
  dtype: number;
  values: unknown;
}

/**
 * tfjs-node's `NodeJSKernelBackend`, the members a compiled function uses: tensors map to
 * binding handle ids (uploading host values on first use), handles become tensors again.
 */
export interface NativeKernelBackend {
  binding: FunctionBinding;
  tensorMap: { get(dataId: object): TensorData | undefined };
  getInputTensorIds(tensors: tf.Tensor[]): number[];
  createOutputTensor(info: OutputInfo): tf.Tensor;
  move(
    dataId: object,
    values: unknown,
    shape: number[],
    dtype: tf.DataType,
    refCount: number,
  ): void;
}

/** The version of `gantry_functions.cc` this code speaks. */
const FUNCTIONS_VERSION = 2;

/**
 * Whether the active backend can run compiled functions: it is `tensorflow` and its binding
 * was built by `gantry setup tensorflow` with function registration.
 *
 * @returns why not, or `undefined` when it can.
 */
export function compiledFunctionsUnavailable(): string | undefined {
  if (tf.getBackend() !== 'tensorflow') return `the backend is ${tf.getBackend()}, not tensorflow`;
  const version = (tf.backend() as unknown as NativeKernelBackend).binding.gantryFunctionsVersion;
  if (version === undefined)
    return "tfjs-node's binding lacks gantry's function registration; run `npx gantry setup tensorflow`";
  if (version !== FUNCTIONS_VERSION)
    return `the binding's function registration is version ${version}, gantry needs ${FUNCTIONS_VERSION}; run \`npx gantry setup tensorflow\``;
  return undefined;
}

/**
 * The active tfjs-node backend, checked to have function registration.
 *
 * @returns the backend.
 * @throws BackendError saying why compiled functions cannot run here.
 */
export function nativeKernelBackend(): NativeKernelBackend {
  const unavailable = compiledFunctionsUnavailable();
  if (unavailable !== undefined) throw new BackendError(`compiled functions: ${unavailable}`);
  return tf.backend() as unknown as NativeKernelBackend;
}
