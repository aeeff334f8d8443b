import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CheckpointError } from '../../../src/core/checkpoint/index.js';
import { CompiledTraces, savedTraceCounts, type TraceCounts } from '../../../src/index.js';

/** Stands in for a CompiledUpdates' own counts. */
function liveCounts(): { counts: { critic: number; generator: number }; read: () => TraceCounts } {
  const counts = { critic: 0, generator: 0 };
  return { counts, read: () => ({ ...counts }) };
}

describe('CompiledTraces', () => {
  it('counts what the followed updates trace, on top of what a checkpoint restored', () => {
    const traces = new CompiledTraces();
    assert.deepEqual(traces.stateDict(), { critic: 0, generator: 0 });
    traces.loadStateDict({ critic: 3, generator: 2 });
    const live = liveCounts();
    traces.follow(live.read);
    live.counts.critic = 1;
    live.counts.generator = 1;
    assert.deepEqual(traces.stateDict(), { critic: 4, generator: 3 });
  });

  it('does not count twice what a restored checkpoint already holds (a second run of one trainer)', () => {
    const traces = new CompiledTraces();
    const live = liveCounts();
    traces.follow(live.read);
    live.counts.critic = 2;
    live.counts.generator = 1;
    const saved = traces.stateDict();
    traces.loadStateDict(saved);
    assert.deepEqual(traces.stateDict(), { critic: 2, generator: 1 });
    live.counts.critic = 3;
    assert.deepEqual(traces.stateDict(), { critic: 3, generator: 1 });
  });

  it('is optional: checkpoints written before it existed still resume', () => {
    assert.equal(new CompiledTraces().optional, true);
    assert.equal(savedTraceCounts(undefined), undefined);
  });

  it('refuses a saved state that is not two counts, naming it', () => {
    assert.throws(
      () => savedTraceCounts({ critic: -1, generator: 0 }),
      (error) => error instanceof CheckpointError && /compiled_traces/.test(error.message),
    );
    assert.throws(() => new CompiledTraces().loadStateDict('3'), CheckpointError);
  });
});
