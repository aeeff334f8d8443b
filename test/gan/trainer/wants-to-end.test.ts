import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GlobalStep } from '../../../src/core/optim/global-step.js';
import { HookError } from '../../../src/gan/hooks-runtime/hook-error.js';
import { parseTrainerSettings } from '../../../src/gan/trainer-settings.js';
import type { RunControl } from '../../../src/gan/trainer/iteration-runner.js';
import type { PendingStop } from '../../../src/gan/trainer/stop-requests.js';
import { wantsToEnd } from '../../../src/gan/trainer/wants-to-end.js';
import type { StepParts } from '../../../src/gan/update/step-parts.js';

function parts(steps: number | undefined, generatorStep: number): StepParts {
  // wantsToEnd reads only the settings and the generator step's value, so no tensors are needed.
  const step = (value: number): GlobalStep => ({ value }) as GlobalStep;
  return {
    ...({} as StepParts),
    settings: parseTrainerSettings(steps === undefined ? {} : { steps }),
    steps: { critic: step(0), generator: step(generatorStep) },
  };
}

function control(state: { failure?: HookError; pending?: PendingStop } = {}): RunControl {
  return {
    failure: () => state.failure,
    pendingStop: () => state.pending,
    requestStop: () => undefined,
    settleHooks: async () => undefined,
  };
}

describe('wantsToEnd', () => {
  it('goes on before the last generator step', () => {
    assert.equal(wantsToEnd(parts(10, 9), control()), false);
  });

  it('ends once the generator step reaches settings.steps', () => {
    assert.equal(wantsToEnd(parts(10, 10), control()), true);
    assert.equal(wantsToEnd(parts(10, 11), control()), true);
  });

  it('never ends by steps when settings.steps is absent', () => {
    assert.equal(wantsToEnd(parts(undefined, 1_000_000), control()), false);
  });

  it('ends on a pending stop or a hook failure', () => {
    const pending = { reason: 'stopped', saveCheckpoint: true };
    assert.equal(wantsToEnd(parts(10, 0), control({ pending })), true);
    const failure = new HookError('LoggingHook', new Error('boom'));
    assert.equal(wantsToEnd(parts(10, 0), control({ failure })), true);
  });
});
