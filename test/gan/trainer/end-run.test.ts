import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StepCounts } from '../../../src/core/events/training-event.js';
import { silentLogger } from '../../../src/core/logger.js';
import { HookError } from '../../../src/gan/hooks-runtime/hook-error.js';
import { endRun, type RunEnding } from '../../../src/gan/trainer/end-run.js';
import type { PendingStop } from '../../../src/gan/trainer/stop-requests.js';
import type { UnstampedEvent } from '../../../src/gan/trainer/unstamped-event.js';

const steps: StepCounts = { critic: 15, generator: 3 };

function ending(
  options: { pending?: PendingStop; failure?: HookError; failOnEnd?: HookError } = {},
): RunEnding & { announced: UnstampedEvent[]; settled: number } {
  const announced: UnstampedEvent[] = [];
  const hooks = {
    failure: options.failure,
    settled: 0,
    settle: async () => {
      hooks.settled++;
    },
  };
  return {
    hooks,
    stops: { pending: options.pending },
    announce: (event) => {
      announced.push(event);
      if (event.kind === 'end' && options.failOnEnd !== undefined)
        hooks.failure = options.failOnEnd;
    },
    steps: () => steps,
    logger: silentLogger,
    announced,
    get settled() {
      return hooks.settled;
    },
  };
}

describe('endRun', () => {
  it("ends at the last step after settling the hooks' work before and after end", async () => {
    const run = ending();
    assert.deepEqual(await endRun(run, undefined), { steps, reason: 'last-step' });
    assert.deepEqual(run.announced, [{ kind: 'end', reason: 'last-step', saveCheckpoint: true }]);
    assert.equal(run.settled, 2);
  });

  it("ends with the pending stop's reason and checkpoint wish", async () => {
    const run = ending({ pending: { reason: 'nan loss', saveCheckpoint: false } });
    assert.deepEqual(await endRun(run, undefined), { steps, reason: 'nan loss' });
    assert.deepEqual(run.announced, [{ kind: 'end', reason: 'nan loss', saveCheckpoint: false }]);
  });

  it('reports a trainer error as from the trainer, with no end', async () => {
    const run = ending();
    const error = new Error('out of memory');
    assert.deepEqual(await endRun(run, error), { steps, reason: 'error', error });
    assert.deepEqual(run.announced, [{ kind: 'error', error, source: 'trainer' }]);
  });

  it('names the hook that failed before end', async () => {
    const failure = new HookError('SummarySaverHook', new Error('disk full'));
    const run = ending({ failure });
    assert.deepEqual(await endRun(run, undefined), { steps, reason: 'error', error: failure });
    assert.deepEqual(run.announced, [
      { kind: 'error', error: failure, source: 'SummarySaverHook' },
    ]);
  });

  it('turns a failure in work queued on end into an error after end', async () => {
    const failOnEnd = new HookError('CheckpointSaverHook', new Error('disk full'));
    const run = ending({ failOnEnd });
    const result = await endRun(run, undefined);
    assert.equal(result.reason, 'error');
    assert.deepEqual(
      run.announced.map((event) => event.kind),
      ['end', 'error'],
    );
  });
});
