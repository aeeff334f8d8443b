import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import { CompiledFunction } from '../../../../src/core/backend/tensorflow-trace/index.js';
import * as tf from '../../../../src/core/backend/tf.js';
import { silentLogger, type Logger } from '../../../../src/core/logger.js';
import { availableBackends } from '../../../support/backends.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { info: () => {}, warn: (m) => warnings.push(m), warnings };
}

/** A least-squares step: `w -= 0.1·∂/∂w mean((x·w − y)²)`; returns the loss before the step. */
function leastSquaresStep(w: tf.Variable) {
  return (x: tf.Tensor, y: tf.Tensor) =>
    tf.tidy(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(tf.sub(tf.matMul(x, w), y))) as tf.Scalar,
        [w],
      );
      w.assign(tf.sub(w, tf.mul(grads[w.name] as tf.Tensor, 0.1)));
      return { loss: value };
    });
}

describe('CompiledFunction on tensorflow', { skip: tensorflow?.absentBecause ?? false }, () => {
  before(async () => {
    await initBackend({ backend: 'tensorflow', logger: silentLogger });
  });

  it('runs a traced update as one function and agrees with eager over 20 steps', () => {
    const x = tf.tensor2d([0.5, -1, 2, 0.25, -0.75, 1.5, 1, -2, 0.1], [3, 3]);
    const y = tf.tensor2d([1, -1, 0.5, 0, 2, 1], [3, 2]);
    const eagerW = tf.variable(tf.fill([3, 2], 0.3), true, 'cf_eager_w');
    const compiledW = tf.variable(tf.fill([3, 2], 0.3), true, 'cf_compiled_w');
    const eager = leastSquaresStep(eagerW);
    const compiled = new CompiledFunction(leastSquaresStep(compiledW), {
      name: 'least_squares',
      logger: silentLogger,
    });
    const modes: string[] = [];
    for (let i = 0; i < 20; i++) {
      const a = eager(x, y).loss;
      const b = compiled.call([x, y]).loss;
      modes.push(compiled.lastMode ?? '');
      assert.ok(Math.abs(a.dataSync()[0]! - b.dataSync()[0]!) < 1e-6, `loss at step ${i}`);
      tf.dispose([a, b]);
    }
    assert.equal(compiled.traceCount, 1);
    assert.deepEqual(modes.slice(0, 3), ['traced', 'compiled', 'compiled']);
    const difference = tf.max(tf.abs(tf.sub(eagerW, compiledW))).dataSync()[0]!;
    assert.ok(difference < 1e-6, `weights differ by ${difference}`);
    compiled.dispose();
    tf.dispose([x, y, eagerW, compiledW]);
  });

  it('retraces for a new shape and keeps tensors and handles flat over many calls', () => {
    const w = tf.variable(tf.fill([3, 2], 0.3), true, 'cf_flat_w');
    const compiled = new CompiledFunction(leastSquaresStep(w), {
      name: 'flat',
      logger: silentLogger,
    });
    const x4 = tf.ones([4, 3]);
    const y4 = tf.ones([4, 2]);
    const x5 = tf.ones([5, 3]);
    const y5 = tf.ones([5, 2]);
    compiled.call([x4, y4]).loss.dispose();
    compiled.call([x5, y5]).loss.dispose();
    assert.equal(compiled.traceCount, 2);
    const binding = (tf.backend() as unknown as { binding: { getNumOfTensors(): number } }).binding;
    const tensors = tf.memory().numTensors;
    const handles = binding.getNumOfTensors();
    for (let i = 0; i < 500; i++) compiled.call(i % 2 === 0 ? [x4, y4] : [x5, y5]).loss.dispose();
    assert.equal(tf.memory().numTensors, tensors);
    assert.equal(binding.getNumOfTensors(), handles);
    assert.equal(compiled.traceCount, 2);
    compiled.dispose();
    tf.dispose([w, x4, y4, x5, y5]);
  });

  it('falls back to eager, saying once why, when the update reads a value back mid-way', () => {
    const w = tf.variable(tf.scalar(1), true, 'cf_read_w');
    const logger = recordingLogger();
    const compiled = new CompiledFunction(
      () => {
        const doubled = tf.mul(w, 2);
        const value = doubled.dataSync()[0]!;
        w.assign(tf.add(w, value));
        doubled.dispose();
        return { w: w.clone() };
      },
      { name: 'reads', logger },
    );
    for (let i = 0; i < 3; i++) compiled.call([]).w.dispose();
    assert.equal(compiled.lastMode, 'eager');
    assert.equal(w.dataSync()[0], 27);
    assert.equal(logger.warnings.length, 1);
    assert.match(
      logger.warnings[0]!,
      /reads: cannot compile .*reads Mul's output back to JavaScript/,
    );
    compiled.dispose();
    w.dispose();
  });

  it('refuses a random draw made in JavaScript inside the update', () => {
    const w = tf.variable(tf.zeros([4]), true, 'cf_random_w');
    const compiled = new CompiledFunction(
      () => {
        w.assign(tf.add(w, tf.randomNormal([4], 0, 1, 'float32', 7)));
        return { w: w.clone() };
      },
      { name: 'draws', logger: silentLogger },
    );
    compiled.call([]).w.dispose();
    assert.match(
      compiled.lastFailure ?? '',
      /float32 tensor of shape \[4\] is made from JavaScript/,
    );
    compiled.dispose();
    w.dispose();
  });

  it('refuses a tensor from outside that is neither an argument nor a variable', () => {
    const outside = tf.add(tf.ones([2]), 1);
    const compiled = new CompiledFunction(() => ({ y: tf.mul(outside, 3) }), {
      name: 'captures',
      logger: silentLogger,
    });
    compiled.call([]).y.dispose();
    assert.match(compiled.lastFailure ?? '', /op Mul uses a tensor that is not an argument/);
    compiled.dispose();
    outside.dispose();
  });
});
