import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HookContextSources } from '../../../src/gan/hooks-runtime/shared-hook-context.js';
import { sharedHookContext } from '../../../src/gan/hooks-runtime/shared-hook-context.js';

function sources(overrides: Partial<HookContextSources> = {}): HookContextSources {
  let generator = 0;
  return {
    // The context only passes the collaborators through; these tests never touch them.
    ...({} as Omit<HookContextSources, 'readSteps' | 'summaries' | 'checkpoints'>),
    readSteps: () => ({ critic: 5 * generator, generator: generator++ }),
    summaries: undefined,
    checkpoints: undefined,
    ...overrides,
  };
}

describe('sharedHookContext', () => {
  it('reads the global steps live on every access', () => {
    const context = sharedHookContext(sources());
    assert.deepEqual(context.steps, { critic: 0, generator: 0 });
    assert.deepEqual(context.steps, { critic: 5, generator: 1 });
  });

  it('says what to bind when the trainer has no summary writer', () => {
    const context = sharedHookContext(sources());
    assert.throws(() => context.summaryWriter(), /no summary writer: bind a SummaryWriterProvider/);
  });

  it('says what to bind when the trainer has no checkpoint manager', () => {
    const context = sharedHookContext(sources());
    assert.throws(
      () => context.checkpointManager(),
      /no checkpoint manager: bind a CheckpointManager to TOKENS.CheckpointManager/,
    );
  });
});
