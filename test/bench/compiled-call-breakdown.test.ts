import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { breakDownCompiledCall } from '../../bench/cases/compiled-call-breakdown.js';
import { initBackend } from '../../src/core/backend/index.js';
import * as tf from '../../src/core/backend/tf.js';
import { silentLogger } from '../../src/core/logger.js';
import { availableBackends } from '../support/backends.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

describe('the compiled call breakdown', { skip: tensorflow?.absentBecause ?? false }, () => {
  before(() => initBackend({ backend: 'tensorflow', logger: silentLogger }));

  it('times each layer of a step that reads and assigns a variable, leaving no tensors', () => {
    const w = tf.variable(tf.ones([4]), true, 'breakdown/w');
    const before = tf.memory().numTensors;
    const layers = breakDownCompiledCall(
      {
        label: 'breakdown_test',
        args: () => [tf.fill([4], 0.5)],
        body: (x) =>
          tf.tidy(() => {
            w.assign(tf.sub(w, tf.mul(x!, w)));
            return { loss: tf.sum(w) };
          }),
      },
      { warmup: 1, repeats: 3 },
    );
    assert.equal(tf.memory().numTensors, before);
    assert.equal(layers.inputs, 2, "x and w: the sum's axes are a Const inside, not an input");
    assert.equal(layers.outputs, 2, 'the loss and w');
    for (const ms of [
      layers.wholeMs,
      layers.executeMs,
      layers.identityExecuteMs,
      layers.lossReadMs,
    ])
      assert.ok(Number.isFinite(ms) && ms >= 0, String(ms));
    // The recording, the trace and the 4 compiled calls each halved w; the identity function's
    // calls assigned w its own value, and the bare executeOp calls assign nothing.
    assert.deepEqual(Array.from(w.dataSync()), new Array(4).fill(0.5 ** 6));
    w.dispose();
  });
});
