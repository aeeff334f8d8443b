import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { median, timeCalls } from '../../bench/timing.js';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    assert.equal(median([9, 1, 5]), 5);
  });

  it('averages the middle two of an even count', () => {
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });

  it('refuses an empty list', () => {
    assert.throws(() => median([]), RangeError);
  });
});

describe('timeCalls', () => {
  it('makes warm-up calls untimed and times each repeat', () => {
    let calls = 0;
    const timing = timeCalls(() => void calls++, { warmup: 2, repeats: 5 });
    assert.equal(calls, 7);
    assert.equal(timing.repeats, 5);
    assert.ok(timing.minMs <= timing.medianMs && timing.medianMs <= timing.maxMs);
  });

  it('refuses a repeat count below one', () => {
    assert.throws(() => timeCalls(() => undefined, { warmup: 0, repeats: 0 }), /repeats/);
  });
});
