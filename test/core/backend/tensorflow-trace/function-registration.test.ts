import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import { nativeKernelBackend } from '../../../../src/core/backend/tensorflow-trace/native-kernel-backend.js';
import * as tf from '../../../../src/core/backend/tf.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { availableBackends } from '../../../support/backends.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

describe(
  "the binding's function registration",
  { skip: tensorflow?.absentBecause ?? false },
  () => {
    before(async () => {
      await initBackend({ backend: 'tensorflow', logger: silentLogger });
    });

    it('registers MatMul + AddN as a function that runs by name and matches eager', () => {
      const backend = nativeKernelBackend();
      const b = backend.binding;
      const T = { name: 'T', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT };
      const placeholder = { op: 'Placeholder', attrs: [{ ...T, name: 'dtype' }], inputs: [] };
      const noTranspose = [false, false].map((value, i) => ({
        name: i === 0 ? 'transpose_a' : 'transpose_b',
        type: b.TF_ATTR_BOOL,
        value,
      }));
      b.registerFunction(
        'gantry_test_matmul_add',
        [
          placeholder,
          placeholder,
          { op: 'MatMul', attrs: [T, ...noTranspose], inputs: [0, 0, 1, 0] },
          {
            op: 'AddN',
            attrs: [T, { name: 'N', type: b.TF_ATTR_INT, value: 2 }],
            inputs: [2, 0, 0, 0],
          },
        ],
        [0, 0, 1, 0],
        [3, 0, 2, 0],
      );
      assert.equal(b.hasFunction('gantry_test_matmul_add'), true);
      const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
      const w = tf.tensor2d([0.5, -1, 2, 0.25], [2, 2]);
      const [sum, product] = b
        .executeOp('gantry_test_matmul_add', [], backend.getInputTensorIds([x, w]), 2)
        .map((info) => backend.createOutputTensor(info));
      assert.deepEqual(product!.arraySync(), tf.matMul(x, w).arraySync());
      assert.deepEqual(sum!.arraySync(), tf.add(tf.matMul(x, w), x).arraySync());
      b.removeFunction('gantry_test_matmul_add');
      assert.equal(b.hasFunction('gantry_test_matmul_add'), false);
      tf.dispose([x, w, sum!, product!]);
    });

    it("names the node and the attr a list input's size needs when it is missing", () => {
      const b = nativeKernelBackend().binding;
      const T = { name: 'T', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT };
      assert.throws(
        () =>
          b.registerFunction('gantry_test_bad', [{ op: 'AddN', attrs: [T], inputs: [] }], [], []),
        /node 0 \(AddN\): attr N, which sizes a list input, is missing/,
      );
    });

    it('holds a Const whose value is a tensor attr, with its dtype and shape', () => {
      const backend = nativeKernelBackend();
      const b = backend.binding;
      const T = { name: 'T', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT };
      const constant = (values: ArrayBufferView, dtype: number, shape: number[]) => ({
        op: 'Const',
        attrs: [
          { name: 'dtype', type: b.TF_ATTR_TYPE, value: dtype },
          { name: 'value', type: b.TF_ATTR_TENSOR, value: { dtype, shape, values } },
        ],
        inputs: [],
      });
      b.registerFunction(
        'gantry_test_const',
        [
          { op: 'Placeholder', attrs: [{ ...T, name: 'dtype' }], inputs: [] },
          constant(new Float32Array([1, 2, 3, 4, 5, 6]), b.TF_FLOAT, [2, 3]),
          constant(new Int32Array([3, 2]), b.TF_INT32, [2]),
          { op: 'Mul', attrs: [T], inputs: [0, 0, 1, 0] },
          {
            op: 'Reshape',
            attrs: [T, { name: 'Tshape', type: b.TF_ATTR_TYPE, value: b.TF_INT32 }],
            inputs: [3, 0, 2, 0],
          },
        ],
        [0, 0],
        [4, 0],
      );
      const x = tf.scalar(2);
      const [out] = b
        .executeOp('gantry_test_const', [], backend.getInputTensorIds([x]), 1)
        .map((info) => backend.createOutputTensor(info));
      assert.deepEqual(out!.arraySync(), [
        [2, 4],
        [6, 8],
        [10, 12],
      ]);
      b.removeFunction('gantry_test_const');
      tf.dispose([x, out!]);
    });

    it("refuses a tensor attr whose values are not its shape's elements, naming the node", () => {
      const b = nativeKernelBackend().binding;
      const value = { dtype: b.TF_FLOAT, shape: [2, 2], values: new Float32Array(3) };
      assert.throws(
        () =>
          b.registerFunction(
            'gantry_test_bad_const',
            [
              {
                op: 'Const',
                attrs: [
                  { name: 'dtype', type: b.TF_ATTR_TYPE, value: b.TF_FLOAT },
                  { name: 'value', type: b.TF_ATTR_TENSOR, value },
                ],
                inputs: [],
              },
            ],
            [],
            [0, 0],
          ),
        /node 0 \(Const\): attr 1 is malformed/,
      );
    });
  },
);
