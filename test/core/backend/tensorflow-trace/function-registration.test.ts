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
  },
);
