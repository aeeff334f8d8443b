import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventOutbox } from '../../../src/core/events/event-outbox.js';

describe('EventOutbox', () => {
  it('delivers an event emitted from a handler to every subscriber after the current one', () => {
    const outbox = new EventOutbox<string>();
    const first: string[] = [];
    const second: string[] = [];
    outbox.events$.subscribe((event) => {
      first.push(event);
      if (event === 'step') outbox.emit('stop');
    });
    outbox.events$.subscribe((event) => second.push(event));
    outbox.emit('step');
    outbox.emit('end');
    assert.deepEqual(first, ['step', 'stop', 'end']);
    assert.deepEqual(second, ['step', 'stop', 'end']);
  });
});
