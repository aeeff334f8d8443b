import assert from 'node:assert/strict';
import { afterEach, it } from 'node:test';
import {
  ExponentialMovingAverage,
  GlobalStep,
  MovingAverageError,
  tf,
  type ExponentialMovingAverageOptions,
} from '../../../src/index.js';
import { assertAllClose, describeOnBackends } from './clip/helpers.js';

// Expected values: tensorflow/python/training/moving_averages_test.py,
// ExponentialMovingAverageTest. `add` is TensorFlow's plain tensor var0 + var1, which gantry
// averages as a named tensor.
const owned: { dispose(): void }[] = [];
function own<T extends { dispose(): void }>(thing: T): T {
  owned.push(thing);
  return thing;
}
afterEach(() => {
  for (const thing of owned.splice(0)) thing.dispose();
});

function repeat(value: number, dim: number): number | number[] {
  return dim === 1 ? value : Array.from({ length: dim }, () => value);
}

/** TensorFlow's `_CheckDecay`: two applies of variables 10 and 30 and of their sum. */
function checkDecay(options: ExponentialMovingAverageOptions, dk: number, dim: number): void {
  const scale = (steps: number) => (options.zeroDebias === true ? 1 - dk ** steps : 1);
  const var0 = own(tf.variable(tf.tensor(repeat(10, dim)), true, 'v0'));
  const var1 = own(tf.variable(tf.tensor(repeat(30, dim)), true, 'v1'));
  const ema = own(new ExponentialMovingAverage(options));
  const apply = () => {
    const add = tf.add(var0, var1);
    ema.apply([var0, var1, { name: 'add', value: add }]);
    add.dispose();
  };
  apply();
  assert.equal(ema.average(var0)?.name, 'v0/ExponentialMovingAverage');
  assert.equal(ema.average('add')?.name, 'add/ExponentialMovingAverage');
  assert.equal(ema.average(var0)?.trainable, false);
  const avg = (name: string) => ema.average(name)!.clone();
  assertAllClose(avg('v0'), repeat(10 * dk + 10 * (1 - dk), dim));
  assertAllClose(avg('v1'), repeat(30 * dk + 30 * (1 - dk), dim));
  assertAllClose(avg('add'), repeat((0 * dk + 40 * (1 - dk)) / scale(1), dim));
  apply();
  assertAllClose(avg('v0'), repeat((10 * dk + 10 * (1 - dk)) * dk + 10 * (1 - dk), dim));
  assertAllClose(avg('v1'), repeat((30 * dk + 30 * (1 - dk)) * dk + 30 * (1 - dk), dim));
  assertAllClose(
    avg('add'),
    repeat(((0 * dk + 40 * (1 - dk)) * dk + 40 * (1 - dk)) / scale(2), dim),
  );
}

describeOnBackends('ExponentialMovingAverage', () => {
  for (const dim of [1, 5]) {
    const shape = dim === 1 ? 'Scalar' : 'Vector';
    for (const zeroDebias of [false, true]) {
      const suffix = zeroDebias ? '_Debias' : '';
      it(`averages with the given decay (testAverageVariablesNoNumUpdates_${shape}${suffix})`, () => {
        checkDecay({ decay: 0.25, zeroDebias }, 0.25, dim);
      });
      it(`caps decay by (1 + n) / (10 + n) (testAverageVariablesNumUpdates_${shape}${suffix})`, () => {
        // With numUpdates 1 the decay applied is 2 / 11 = 0.181818.
        checkDecay({ decay: 0.25, numUpdates: 1, zeroDebias }, 0.181818, dim);
      });
    }
  }

  it('starts at the variable and moves towards its new value (testBasicEager)', () => {
    const v0 = own(tf.variable(tf.scalar(1), true, 'v0'));
    const v1 = own(tf.variable(tf.scalar(2), true, 'v1'));
    const ema = own(new ExponentialMovingAverage({ decay: 0.25 }));
    ema.apply([v0, v1]);
    v0.assign(tf.scalar(2));
    v1.assign(tf.scalar(4));
    ema.apply([v0, v1]);
    assertAllClose(ema.average(v0)!.clone(), 1.75);
    assertAllClose(ema.average(v1)!.clone(), 3.5);
  });

  it('reads numUpdates from a global step at every apply', () => {
    const step = new GlobalStep('global_step/generator', 1);
    const v = own(tf.variable(tf.tensor([10]), true, 'v'));
    const ema = own(new ExponentialMovingAverage({ decay: 0.9, numUpdates: step }));
    ema.apply([v]);
    v.assign(tf.tensor([20]));
    ema.apply([v]); // decay min(0.9, 2 / 11)
    assertAllClose(ema.average(v)!.clone(), [20 - (10 * 2) / 11]);
    step.assign(1000);
    const before = 20 - (10 * 2) / 11;
    v.assign(tf.tensor([0]));
    ema.apply([v]); // decay min(0.9, 1001 / 1010) = 0.9
    assertAllClose(ema.average(v)!.clone(), [before * 0.9], 1e-5);
    const getter = own(
      new ExponentialMovingAverage({ decay: 0.9, numUpdates: () => 0, name: 'g' }),
    );
    getter.apply([v]);
    v.assign(tf.tensor([9]));
    getter.apply([v]); // decay 1 / 10
    assertAllClose(getter.average(v)!.clone(), [0 + 9 * 0.9]);
  });

  it('names shadows <var>/<name> and maps them for restoring (testAverageVariablesNames)', () => {
    for (const zeroDebias of [true, false]) {
      const v0 = own(tf.variable(tf.scalar(10), true, 'v0'));
      const v1 = own(tf.variable(tf.scalar(30), true, 'v1'));
      const v2 = own(tf.variable(tf.scalar(20), false, 'v2'));
      const ema = own(new ExponentialMovingAverage({ decay: 0.25, zeroDebias, name: 'foo' }));
      assert.equal(ema.name, 'foo');
      assert.equal(ema.averageName(v0), 'v0/foo');
      assert.equal(ema.averageName('add'), 'add/foo');
      const add = tf.add(v0, v1);
      ema.apply([v0, v1, { name: 'add', value: add }]);
      add.dispose();
      const restore = ema.variablesToRestore();
      const debias = zeroDebias ? ['add/foo/biased', 'add/foo/local_step'] : [];
      assert.deepEqual(
        Object.keys(restore).sort(),
        ['add/foo', 'v0/foo', 'v1/foo', 'v2', ...debias].sort(),
      );
      assert.equal(restore['v0/foo'], v0);
      assert.equal(restore['v2'], v2);
      assert.equal(restore['add/foo'], ema.average('add'));
      assert.deepEqual(
        ema.variables().map((v) => v.name),
        ['v0/foo', 'v1/foo', 'add/foo', ...debias],
      );
      for (const thing of owned.splice(0)) thing.dispose();
    }
  });

  it('restores only the variables it is given from their averages', () => {
    const g = own(tf.variable(tf.scalar(1), true, 'generator/w'));
    const c = own(tf.variable(tf.scalar(2), true, 'critic/w'));
    const ema = own(new ExponentialMovingAverage({ decay: 0.5 }));
    ema.apply([g]);
    const restore = ema.variablesToRestore([g]);
    assert.equal(restore['generator/w/ExponentialMovingAverage'], g);
    assert.equal(restore['critic/w'], c);
    assert.equal(restore['generator/w'], undefined);
  });

  it('leaks no tensors over many applies, and frees its names on dispose', () => {
    const v = own(tf.variable(tf.randomNormal([4, 4]), true, 'leak/v'));
    const ema = new ExponentialMovingAverage({ decay: 0.99, numUpdates: 3, zeroDebias: true });
    const loss = () => tf.sum(v);
    const apply = () => {
      const value = loss();
      ema.apply([v, { name: 'leak/loss', value }]);
      value.dispose();
    };
    apply();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 50; i += 1) apply();
    assert.equal(tf.memory().numTensors, before);
    ema.dispose();
    assert.equal(tf.memory().numTensors, before - 4);
    const again = own(new ExponentialMovingAverage({ decay: 0.99 }));
    again.apply([v]);
    assert.equal(again.average(v)?.name, 'leak/v/ExponentialMovingAverage');
  });

  it('refuses non-float values, changed shapes and a decay outside [0, 1]', () => {
    const i = own(tf.variable(tf.tensor([1], undefined, 'int32'), true, 'ints'));
    const ema = own(new ExponentialMovingAverage({ decay: 0.5 }));
    assert.throws(
      () => ema.apply([i]),
      (error) => error instanceof MovingAverageError && /ints is int32/.test(error.message),
    );
    const a = tf.zeros([2]);
    const b = tf.zeros([3]);
    ema.apply([{ name: 'x', value: a }]);
    assert.throws(
      () => ema.apply([{ name: 'x', value: b }]),
      /x has shape \[3\] but its average has shape \[2\]/,
    );
    tf.dispose([a, b]);
    assert.throws(
      () => new ExponentialMovingAverage({ decay: 1.5 }),
      /decay must be a number in \[0, 1\]/,
    );
  });
});
