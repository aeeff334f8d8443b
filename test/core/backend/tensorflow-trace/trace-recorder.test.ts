import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import {
  nativeKernelBackend,
  type TensorAttrValue,
} from '../../../../src/core/backend/tensorflow-trace/native-kernel-backend.js';
import {
  TraceRecorder,
  type RecordedGraph,
} from '../../../../src/core/backend/tensorflow-trace/trace-recorder.js';
import * as tf from '../../../../src/core/backend/tf.js';
import { silentLogger } from '../../../../src/core/logger.js';
import { availableBackends } from '../../../support/backends.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

/** Records `body` on `args` and returns the graph (failing the test if the recording failed). */
function record(args: tf.Tensor[], body: (...args: tf.Tensor[]) => tf.Tensor): RecordedGraph {
  const recorder = new TraceRecorder(nativeKernelBackend(), args);
  const result = recorder.record(() => body(...args));
  const graph = recorder.finish([result]);
  assert.ok(graph !== undefined, recorder.failure);
  result.dispose();
  return graph;
}

function opsOf(graph: RecordedGraph): string[] {
  return graph.nodes.map((node) => node.op);
}

describe('recording an update on tensorflow', { skip: tensorflow?.absentBecause ?? false }, () => {
  before(() => initBackend({ backend: 'tensorflow', logger: silentLogger }));

  it('bakes values made from JavaScript inside into Const nodes, not function inputs', () => {
    const x = tf.ones([2, 3]);
    const graph = record([x], (input) => tf.tidy(() => tf.sum(tf.mul(tf.add(input!, 1), 0.5), 1)));
    assert.equal(graph.inputs.length, 1, 'only x is an input');
    assert.deepEqual(
      opsOf(graph).filter((op) => op === 'Placeholder' || op === 'Const'),
      ['Placeholder', 'Const', 'Const', 'Const'],
      'x, then 1, 0.5 and the summed axis',
    );
    const axis = graph.nodes.find(
      (node) =>
        node.op === 'Const' &&
        node.attrs.some(
          (attr) => attr.name === 'dtype' && attr.value === nativeKernelBackend().binding.TF_INT32,
        ),
    );
    const value = axis?.attrs.find((attr) => attr.name === 'value')?.value as TensorAttrValue;
    assert.deepEqual([value.shape, Array.from(value.values as Int32Array)], [[1], [1]]);
    x.dispose();
  });

  it('records a bias added along the last axis as BiasAdd, other additions as Add', () => {
    const x = tf.ones([4, 3]);
    const bias = tf.tensor1d([1, 2, 3]);
    const column = tf.ones([4, 1]);
    const graph = record([x, bias, column], (input, b, c) =>
      tf.tidy(() => tf.add(tf.add(input!, b!), c!)),
    );
    assert.deepEqual(
      opsOf(graph).filter((op) => op.includes('Add')),
      ['BiasAdd', 'Add'],
    );
    const biasAdd = graph.nodes.find((node) => node.op === 'BiasAdd')!;
    assert.ok(biasAdd.attrs.some((a) => a.name === 'data_format' && a.value === 'NHWC'));
    tf.dispose([x, bias, column]);
  });
});
