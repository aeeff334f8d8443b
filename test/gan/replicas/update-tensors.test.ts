import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '../../../src/core/backend/tf.js';
import { initBackend, silentLogger } from '../../../src/index.js';
import { updateTensors, withUpdateTensors } from '../../../src/gan/replicas/update-tensors.js';
import type { ComputedUpdate } from '../../../src/gan/update/computed-update.js';

describe('the order replicas reduce an update in', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  function update(): ComputedUpdate {
    const a = tf.variable(tf.zeros([2]));
    const b = tf.variable(tf.zeros([1]));
    return {
      step: 'critic',
      loss: tf.scalar(1),
      metrics: { zeta: tf.scalar(2), alpha: tf.scalar(3) },
      gradsAndVars: [
        [tf.tensor1d([4, 5]), a],
        [null, b],
      ],
    };
  }

  it('is the loss, the metrics sorted by name, then each gradient with null kept in place', () => {
    const tensors = updateTensors(update());
    assert.deepEqual(
      tensors.map((tensor) => (tensor === null ? null : Array.from(tensor.dataSync()))),
      [[1], [3], [2], [4, 5], null],
    );
  });

  it('rebuilds the update from reduced tensors, each back under its own name and variable', () => {
    const computed = update();
    const rebuilt = withUpdateTensors(
      computed,
      updateTensors(computed).map((tensor) => (tensor === null ? null : tensor.mul(10))),
    );
    assert.equal(rebuilt.step, 'critic');
    assert.deepEqual(Array.from(rebuilt.loss.dataSync()), [10]);
    assert.deepEqual(Array.from(rebuilt.metrics['alpha']!.dataSync()), [30]);
    assert.deepEqual(Array.from(rebuilt.metrics['zeta']!.dataSync()), [20]);
    assert.deepEqual(Array.from(rebuilt.gradsAndVars[0]![0]!.dataSync()), [40, 50]);
    assert.equal(rebuilt.gradsAndVars[0]![1], computed.gradsAndVars[0]![1]);
    assert.equal(rebuilt.gradsAndVars[1]![0], null);
    assert.equal(rebuilt.gradsAndVars[1]![1], computed.gradsAndVars[1]![1]);
  });
});
