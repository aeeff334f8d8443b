import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StopRequests } from '../../../src/gan/trainer/stop-requests.js';
import type { UnstampedEvent } from '../../../src/gan/trainer/unstamped-event.js';

describe('StopRequests', () => {
  it('keeps the first request of a run and announces it once', () => {
    const announced: UnstampedEvent[] = [];
    const stops = new StopRequests((event) => announced.push(event));
    stops.request('nan loss', 'NanGuardHook', { saveCheckpoint: false });
    stops.request('signal', 'signal', {});
    assert.deepEqual(stops.pending, { reason: 'nan loss', saveCheckpoint: false });
    assert.deepEqual(announced, [
      { kind: 'stop-requested', reason: 'nan loss', source: 'NanGuardHook', saveCheckpoint: false },
    ]);
  });

  it('saves a final checkpoint unless told otherwise', () => {
    const stops = new StopRequests(() => undefined);
    stops.request('stopped', 'trainer');
    assert.equal(stops.pending?.saveCheckpoint, true);
  });

  it("forgets the last run's request on reset, and takes a new one", () => {
    const announced: UnstampedEvent[] = [];
    const stops = new StopRequests((event) => announced.push(event));
    stops.request('first run', 'trainer');
    stops.reset();
    const afterReset = stops.pending;
    assert.equal(afterReset, undefined);
    stops.request('second run', 'trainer');
    assert.equal(stops.pending?.reason, 'second run');
    assert.equal(announced.length, 2);
  });
});
