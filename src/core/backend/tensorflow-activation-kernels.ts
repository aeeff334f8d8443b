import {
  GANTRY_LEAKY_RELU_GRAD,
  GANTRY_RELU_GRAD,
  registerActivationGradients,
} from './activation-gradients.js';
import * as tf from './tf.js';

/** The part of tfjs-node's backend these kernels use: one TensorFlow op, by name. */
interface NativeOpBackend {
  binding: { TF_ATTR_TYPE: number; TF_ATTR_FLOAT: number; TF_FLOAT: number };
  executeSingleOutput(
    name: string,
    attrs: { name: string; type: number; value: number }[],
    inputs: tf.TensorInfo[],
  ): tf.Tensor;
}

/** Runs TensorFlow's `op(gradients, features)`, float32 (the gradients only run on float32 x). */
function gradientKernel(op: 'ReluGrad' | 'LeakyReluGrad'): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const native = backend as unknown as NativeOpBackend;
    const { TF_ATTR_TYPE, TF_ATTR_FLOAT, TF_FLOAT } = native.binding;
    const opAttrs = [{ name: 'T', type: TF_ATTR_TYPE, value: TF_FLOAT }];
    if (op === 'LeakyReluGrad')
      opAttrs.push({ name: 'alpha', type: TF_ATTR_FLOAT, value: Number(attrs?.['alpha']) });
    return native.executeSingleOutput(op, opAttrs, [inputs['dy']!, inputs['x']!]);
  };
}

/**
 * Registers the ReLU and leaky ReLU gradients as TensorFlow's own `ReluGrad` and
 * `LeakyReluGrad` ops on the tensorflow backend, one op each instead of tfjs-node's seven (see
 * `ACTIVATION_GRADIENTS`), in eager and compiled updates alike. Idempotent: a kernel already
 * registered is kept, and the gradients that use them are put back if a comparison took them
 * away (`unregisterActivationGradients`).
 */
export function registerTensorflowActivationKernels(): void {
  for (const [kernelName, op] of [
    [GANTRY_RELU_GRAD, 'ReluGrad'],
    [GANTRY_LEAKY_RELU_GRAD, 'LeakyReluGrad'],
  ] as const)
    if (tf.getKernel(kernelName, 'tensorflow') === undefined)
      tf.registerKernel({ kernelName, backendName: 'tensorflow', kernelFunc: gradientKernel(op) });
  registerActivationGradients();
}
