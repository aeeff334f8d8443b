import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { JsonValue } from '../../../src/core/checkpoint/checkpointable.js';
import { readCounter } from '../../../src/core/checkpoint/read-counter.js';

class PositionError extends Error {}

describe('readCounter', () => {
  it('returns a non-negative integer counter', () => {
    assert.equal(readCounter({ draws: 7 }, 'noise_sampler', 'draws'), 7);
    assert.equal(readCounter({ position: 0 }, 'dataset', 'position'), 0);
  });

  it('throws the given error class, naming the owner, key and value, for anything else', () => {
    const states: JsonValue[] = [
      null,
      3,
      'x',
      [],
      {},
      { draws: -1 },
      { draws: 1.5 },
      { draws: '2' },
    ];
    for (const state of states) {
      assert.throws(
        () => readCounter(state, 'noise_sampler', 'draws'),
        (error) =>
          error instanceof RangeError &&
          /^noise_sampler: state\.draws must be a non-negative integer, got /.test(error.message),
      );
    }
    assert.throws(
      () => readCounter({ position: 2 ** 60 }, 'dataset', 'position', PositionError),
      PositionError,
    );
  });
});
