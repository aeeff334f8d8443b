import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { atStep, everyN, everySeconds, ofKind, type TrainingEvent } from '../../../src/index.js';
import { stepEvent } from './events.js';

function scheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => assert.deepEqual(actual, expected));
}

const begin: TrainingEvent = { kind: 'begin', steps: { critic: 0, generator: 0 }, time: 0 };
const c = (critic: number, generator: number): TrainingEvent =>
  stepEvent('critic-step', { critic, generator });
const g = (critic: number, generator: number, skipped = false): TrainingEvent =>
  stepEvent('generator-step', { critic, generator }, 0, skipped);

describe('ofKind', () => {
  it('passes only the named kinds, in order', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = { b: begin, x: c(1, 0), y: g(1, 1) };
      const source = cold('b-x-y|', values);
      expectObservable(source.pipe(ofKind('generator-step', 'begin'))).toBe('b---y|', values);
    });
  });
});

describe('everyN', () => {
  it('passes generator steps whose step is a multiple of n, ignoring critic steps', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = { a: c(2, 1), b: g(2, 1), d: c(4, 2), e: g(4, 2), f: g(6, 3), h: g(8, 4) };
      const source = cold('abdefh|', values);
      expectObservable(source.pipe(everyN(2))).toBe('---e-h|', values);
    });
  });

  it('counts the critic step on request, once per step value', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = { a: c(1, 0), b: c(2, 0), d: g(2, 1), e: c(3, 1), f: c(4, 1) };
      const source = cold('abdef|', values);
      expectObservable(source.pipe(everyN(2, 'critic'))).toBe('-b--f|', values);
    });
  });

  it('never passes a skipped update', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = { a: g(2, 2, true), b: g(2, 2) };
      expectObservable(cold('ab|', values).pipe(everyN(2))).toBe('-b|', values);
    });
  });

  it('rejects a period that is not a positive integer', () => {
    assert.throws(() => everyN(0), /n must be a positive integer, got 0/);
  });
});

describe('atStep', () => {
  it('passes the event that reaches the step, then completes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = { a: g(1, 1), b: g(2, 2), d: g(3, 3) };
      expectObservable(cold('abd|', values).pipe(atStep(2))).toBe('-(b|)', values);
    });
  });
});

describe('everySeconds', () => {
  it('passes the first event, then one per period of the injected clock', () => {
    const testScheduler = scheduler();
    // The fake clock the trainer would stamp events with: the scheduler's virtual time (ms).
    const clock = { now: () => testScheduler.now() };
    testScheduler.run(({ cold, expectObservable }) => {
      const stamped = cold('a 299ms b 399ms c 99ms d 599ms e|').pipe(
        map((_, i) => stepEvent('generator-step', { critic: i, generator: i }, clock.now())),
      );
      const times = stamped.pipe(
        everySeconds(0.5),
        map((e) => e.time),
      );
      expectObservable(times).toBe('a 299ms - 399ms c 99ms - 599ms e|', {
        a: 0,
        c: 700,
        e: 1400,
      });
    });
  });

  it('gives each subscriber its own timer', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const values = {
        a: stepEvent('generator-step', { critic: 1, generator: 1 }, 0),
        b: stepEvent('generator-step', { critic: 2, generator: 2 }, 100),
      };
      const source = cold('ab|', values).pipe(everySeconds(1));
      expectObservable(source).toBe('a-|', values);
      expectObservable(source).toBe('a-|', values);
    });
  });
});
