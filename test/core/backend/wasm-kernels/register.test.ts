import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import * as tf from '../../../../src/core/backend/tf.js';
import {
  registerWasmTrainingKernels,
  unregisterWasmTrainingKernels,
} from '../../../../src/core/backend/wasm-kernels/register.js';
import { silentLogger } from '../../../../src/core/logger.js';

function wasmDataIds(): number {
  return (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
}

describe('registerWasmTrainingKernels', () => {
  it('is idempotent, and unregistering restores the stock kernels', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const ours = tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc;
    registerWasmTrainingKernels();
    assert.equal(tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc, ours);
    unregisterWasmTrainingKernels();
    assert.notEqual(tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc, ours);
    assert.equal(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm'), undefined);
    registerWasmTrainingKernels();
    assert.equal(tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc, ours);
    assert.notEqual(tf.getKernel(tf.Conv2DBackpropFilter, 'wasm'), undefined);
  });

  it('leaves no intermediate on the wasm heap across repeated gradient steps', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const x = tf.randomNormal([4, 9, 9, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.variable(tf.randomNormal([3, 3, 3, 5], 0, 1, 'float32', 2));
    const v = tf.variable(tf.randomNormal([5, 7], 0, 1, 'float32', 3));
    const step = (): void => {
      const { value, grads } = tf.variableGrads(() => {
        const h = tf.conv2d(x, w as tf.Variable<tf.Rank.R4>, 2, 'same');
        const t = tf.conv2dTranspose(h, w as tf.Variable<tf.Rank.R4>, [4, 9, 9, 3], 2, 'same');
        return tf.add(tf.sum(tf.matMul(tf.reshape(h, [-1, 5]), v)), tf.sum(t)) as tf.Scalar;
      }, [w, v]);
      tf.dispose([value, ...Object.values(grads)]);
    };
    step();
    const ids = wasmDataIds();
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) step();
    assert.equal(wasmDataIds(), ids, 'wasm heap buffers leaked');
    assert.equal(tf.memory().numTensors, tensors, 'tensors leaked');
    tf.dispose([x, w, v]);
  });
});
