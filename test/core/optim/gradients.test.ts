import assert from 'node:assert/strict';
import { it } from 'node:test';
import { OptimizerError, computeGradients, stopGradient, tf } from '../../../src/index.js';
import { assertClose, describePerBackend, withFixture } from './helpers.js';

describePerBackend('computeGradients', () => {
  it(
    "sums the gradients of several losses, as TensorFlow's tf.gradients over a list of ys",
    withFixture((fx) => {
      const a = fx.variable([1, 2], 'a');
      const b = fx.variable([3, 4], 'b');
      // d/da Σa² = 2a; d/da Σ(a·b) = b; d/db Σ(a·b) = a.
      const { loss, gradsAndVars } = computeGradients(
        () => [tf.sum(tf.square(a)), tf.sum(tf.mul(a, b))],
        [a, b],
      );
      assertClose(loss, [1 + 4 + 3 + 8], 'loss');
      assertClose(gradsAndVars[0]![0]!, [2 * 1 + 3, 2 * 2 + 4], 'grad a');
      assertClose(gradsAndVars[1]![0]!, [1, 2], 'grad b');
      assert.equal(gradsAndVars[1]![1], b);
      tf.dispose([loss, ...gradsAndVars.map(([g]) => g!)]);
    }),
  );

  it(
    'sums a non-scalar loss first (implicit all-ones grad_ys)',
    withFixture((fx) => {
      const a = fx.variable([1, 2], 'a');
      const { loss, gradsAndVars } = computeGradients(() => tf.mul(3, tf.square(a)), [a]);
      assertClose(loss, [3 + 12], 'loss');
      assertClose(gradsAndVars[0]![0]!, [6, 12], 'grad');
      tf.dispose([loss, gradsAndVars[0]![0]!]);
    }),
  );

  it(
    'gives null for a variable the loss does not reach, and defaults to trainable variables only',
    withFixture((fx) => {
      const a = fx.variable([1, 2], 'a');
      const unused = fx.variable([5], 'unused');
      fx.variable([7], 'frozen', false);
      const { loss, gradsAndVars } = computeGradients(() => tf.sum(a));
      assert.deepEqual(
        gradsAndVars.map(([, v]) => v.name),
        ['a', 'unused'],
      );
      assert.equal(gradsAndVars[1]![0], null);
      assert.equal(gradsAndVars[1]![1], unused);
      tf.dispose([loss, gradsAndVars[0]![0]!]);
    }),
  );

  it(
    'accepts every gateGradients value and rejects others',
    withFixture((fx) => {
      const a = fx.variable([1], 'a');
      for (const gate of ['GATE_NONE', 'GATE_OP', 'GATE_GRAPH'] as const) {
        const { loss, gradsAndVars } = computeGradients(() => tf.sum(a), [a], {
          gateGradients: gate,
        });
        tf.dispose([loss, gradsAndVars[0]![0]!]);
      }
      assert.throws(
        () => computeGradients(() => tf.sum(a), [a], { gateGradients: 'GATE_ALL' as never }),
        /gateGradients must be one of GATE_NONE, GATE_OP, GATE_GRAPH/,
      );
    }),
  );

  it(
    'refuses a loss that reaches none of the variables, naming them, without leaking',
    withFixture((fx) => {
      const a = fx.variable([1], 'critic/dense/kernel');
      const before = tf.memory().numTensors;
      assert.throws(
        () => computeGradients(() => tf.scalar(1), [a]),
        (e) => e instanceof OptimizerError && e.message.includes('critic/dense/kernel'),
      );
      assert.equal(tf.memory().numTensors, before);
    }),
  );

  it(
    'frees every intermediate tensor',
    withFixture((fx) => {
      const a = fx.variable([1, 2], 'a');
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) {
        const { loss, gradsAndVars } = computeGradients(() => tf.sum(tf.exp(tf.square(a))), [a]);
        tf.dispose([loss, gradsAndVars[0]![0]!]);
      }
      assert.equal(tf.memory().numTensors, before);
    }),
  );
});

describePerBackend('stopGradient', () => {
  it('passes values through unchanged', () => {
    const x = tf.tensor2d([
      [1, -2],
      [3, 4.5],
    ]);
    const y = stopGradient(x);
    assert.deepEqual(y.shape, [2, 2]);
    assertClose(y, [1, -2, 3, 4.5], 'values');
    tf.dispose([x, y]);
  });

  it(
    'cuts the gradient: a variable reached only through it gets null, others their usual gradient',
    withFixture((fx) => {
      const g = fx.variable([1, 2], 'generator/w');
      const c = fx.variable([3, 4], 'critic/w');
      // The critic's loss on a detached generator output: d/dc Σ(stop(g²)·c) = g².
      const { loss, gradsAndVars } = computeGradients(
        () => tf.sum(tf.mul(stopGradient(tf.square(g)), c)),
        [g, c],
      );
      assert.equal(gradsAndVars[0]![0], null);
      assertClose(gradsAndVars[1]![0]!, [1, 4], 'critic gradient');
      assertClose(loss, [3 + 16], 'loss');
      tf.dispose([loss, gradsAndVars[1]![0]!]);
    }),
  );

  it(
    'stops only its own branch: the same tensor used directly still carries gradient',
    withFixture((fx) => {
      const w = fx.variable([2], 'w');
      // Σ(w² + stop(w²)) has gradient 2w, not 4w.
      const { loss, gradsAndVars } = computeGradients(
        () => tf.sum(tf.add(tf.square(w), stopGradient(tf.square(w)))),
        [w],
      );
      assertClose(gradsAndVars[0]![0]!, [4], 'gradient');
      tf.dispose([loss, gradsAndVars[0]![0]!]);
    }),
  );
});
