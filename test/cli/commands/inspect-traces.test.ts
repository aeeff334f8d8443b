import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { inspectCheckpoint } from '../../../src/cli/commands/inspect.js';
import { locateCheckpoint } from '../../../src/cli/checkpoint/locate-checkpoint.js';
import {
  CheckpointSaverHook,
  createTrainer,
  initBackend,
  RMSPropOptimizer,
  silentLogger,
  type TrainerConfig,
} from '../../../src/index.js';
import { availableBackends } from '../../support/backends.js';
import { tinyGanConfig } from '../../gan/tiny-gan.js';
import { gantry } from '../cli-run.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

/**
 * Trains `tiny` to `steps` in `logdir` (resuming what is there) with fresh optimizers, saving
 * at the end, and inspects the checkpoint.
 */
async function train(tiny: TrainerConfig, logdir: string, steps: number) {
  const optimizers = {
    critic: new RMSPropOptimizer({ learningRate: 5e-3 }),
    generator: new RMSPropOptimizer({ learningRate: 5e-3 }),
  };
  const trainer = createTrainer({
    ...tiny,
    steps,
    logdir,
    optimizers,
    hooks: [new CheckpointSaverHook()],
  });
  assert.equal((await trainer.run()).reason, 'last-step');
  // The next run's optimizers make slots under the same names.
  optimizers.critic.dispose();
  optimizers.generator.dispose();
  return inspectCheckpoint(locateCheckpoint({ logdir }));
}

describe('gantry inspect: compiled traces of an eager run', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('records no traces, shown as none with the execution', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'gantry-traces-eager-'));
    const tiny = tinyGanConfig({ backend: 'cpu', execution: 'eager' });
    const report = await train(tiny, logdir, 2);
    assert.deepEqual(report.compiledTraces, { critic: 0, generator: 0 });
    const { status, stdout, stderr } = gantry('inspect', '--logdir', logdir);
    assert.equal(status, 0, stderr);
    assert.match(stdout, /^compiled traces: none \(execution eager\)$/m);
  });
});

describe(
  'gantry inspect: compiled traces on tensorflow',
  { skip: tensorflow?.absentBecause ?? false },
  () => {
    before(() => initBackend({ backend: 'tensorflow', logger: silentLogger }));

    it('counts one trace per update, and the retraces of a resumed run on top', async () => {
      const logdir = mkdtempSync(join(tmpdir(), 'gantry-traces-compiled-'));
      const tiny = tinyGanConfig({ backend: 'tensorflow', execution: 'compiled' });
      const first = await train(tiny, logdir, 3);
      assert.deepEqual(first.steps, { critic: 9, generator: 3 });
      assert.deepEqual(first.compiledTraces, { critic: 1, generator: 1 });
      // A new trainer is a new process's compiled updates: each traces again.
      const resumed = await train(tiny, logdir, 5);
      assert.deepEqual(resumed.steps, { critic: 15, generator: 5 });
      assert.deepEqual(resumed.compiledTraces, { critic: 2, generator: 2 });
    });
  },
);
