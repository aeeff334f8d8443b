import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { from } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import {
  reduceOnPlateau,
  schedules,
  ScheduleError,
  type ReduceOnPlateau,
  type ReduceOnPlateauOptions,
} from '../../../../src/index.js';

// Semantics of tf.keras.callbacks.ReduceLROnPlateau (keras/callbacks.py, on_epoch_end): the
// expected emissions below are worked out by hand from its update order.
function expectRates(
  options: ReduceOnPlateauOptions,
  source: string,
  metrics: Record<string, number>,
  expected: string,
  rates: Record<string, number>,
): void {
  const scheduler = new TestScheduler((actual, wanted) => assert.deepEqual(actual, wanted));
  scheduler.run(({ cold, expectObservable }) => {
    expectObservable(cold(source, metrics).pipe(reduceOnPlateau(options))).toBe(expected, rates);
  });
}

describe('reduceOnPlateau', () => {
  it('reduces by factor after patience values without improvement, and again after as many', () => {
    expectRates(
      { initialLearningRate: 1, patience: 2, factor: 0.5, minDelta: 0 },
      '-a-a-a-a-a|',
      { a: 1 },
      '-----x---y|',
      { x: 0.5, y: 0.25 },
    );
  });

  it('restarts the count when the metric improves', () => {
    expectRates(
      { initialLearningRate: 1, patience: 2, factor: 0.5 },
      '-a-a-b-b-b|',
      { a: 3, b: 2 },
      '---------x|',
      { x: 0.5 },
    );
  });

  it('ignores cooldown values after a reduction', () => {
    expectRates(
      { initialLearningRate: 1, patience: 1, factor: 0.1, cooldown: 2 },
      '-a-a-a-a-a-a|',
      { a: 5 },
      '---x---y---z|',
      { x: 0.1, y: 0.1 * 0.1, z: 0.1 * 0.1 * 0.1 },
    );
  });

  it('never goes below minLr, and stops emitting once there', () => {
    expectRates(
      { initialLearningRate: 1, patience: 1, factor: 0.1, minLr: 0.05 },
      '-a-a-a-a|',
      { a: 1 },
      '---x-y--|',
      { x: 0.1, y: 0.05 },
    );
  });

  it('in max mode counts only rises of more than minDelta as improvements', () => {
    expectRates(
      { initialLearningRate: 1, patience: 1, factor: 0.5, mode: 'max', minDelta: 0.5 },
      '-a-b-c-d|',
      { a: 1, b: 1.4, c: 2, d: 2.4 },
      '---x---y|',
      { x: 0.5, y: 0.25 },
    );
  });

  it('passes errors and completion through', () => {
    expectRates({ initialLearningRate: 1 }, '-a-#', { a: 1 }, '---#', {});
  });

  it('exposes its state and continues identically from a restored one', () => {
    const options = { initialLearningRate: 1, patience: 2, factor: 0.5, cooldown: 1 };
    const metrics = [4, 3, 3, 3, 3, 3, 3, 3];
    const run = (plateau: ReduceOnPlateau, values: number[], into: number[]) =>
      from(values)
        .pipe(plateau)
        .subscribe((rate) => into.push(rate));
    const uninterrupted: number[] = [];
    run(reduceOnPlateau(options), metrics, uninterrupted);

    const first = reduceOnPlateau(options);
    const resumed: number[] = [];
    run(first, metrics.slice(0, 4), resumed);
    const saved = JSON.parse(JSON.stringify(first.getState()));
    assert.deepEqual(saved, { best: 3, wait: 0, cooldownCounter: 1, learningRate: 0.5 });
    const second = reduceOnPlateau(options);
    second.setState(saved);
    assert.equal(second.currentLearningRate(), 0.5);
    run(second, metrics.slice(4), resumed);
    assert.deepEqual(resumed, uninterrupted);
    assert.deepEqual(uninterrupted, [0.5, 0.25, 0.125]);
  });

  it('reports no best value before the first metric', () => {
    const plateau = reduceOnPlateau({ initialLearningRate: 0.01 });
    assert.deepEqual(plateau.getState(), {
      best: null,
      wait: 0,
      cooldownCounter: 0,
      learningRate: 0.01,
    });
  });

  it('is available as schedules.reduceOnPlateau', () => {
    assert.equal(schedules.reduceOnPlateau, reduceOnPlateau);
  });

  it('rejects a factor of 1 or more, and a bad restored state, naming the field', () => {
    assert.throws(
      () => reduceOnPlateau({ initialLearningRate: 1, factor: 1 }),
      (error) => error instanceof ScheduleError && /factor must be in \[0, 1\)/.test(error.message),
    );
    assert.throws(
      () => reduceOnPlateau({ initialLearningRate: 1, patience: 1.5 }),
      /patience must be an integer >= 0/,
    );
    const plateau = reduceOnPlateau({ initialLearningRate: 1 });
    assert.throws(
      () => plateau.setState({ best: 1, wait: -1, cooldownCounter: 0, learningRate: 1 }),
      /state\.wait must be an integer >= 0/,
    );
  });
});
