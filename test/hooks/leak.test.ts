import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  ImageGridHook,
  NanGuardHook,
  ProgressBarHook,
  StopAtStepHook,
  SummarySaverHook,
  createTrainer,
  initBackend,
  silentLogger,
  tf,
  wassersteinGradientPenalty,
} from '../../src/index.js';
import { readRun, stepsOf } from './summary-points.js';
import { temporaryLogdir, tinyImageGanConfig } from './tiny-image-gan.js';

describe('file-writing hooks, memory', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('keeps the tensor count flat over runs with summaries, histograms and image grids', async () => {
    const logdir = await temporaryLogdir();
    const terminal = { isTTY: true, columns: 120, write: () => true };
    const config = tinyImageGanConfig({
      logdir,
      nCritic: 2,
      loss: wassersteinGradientPenalty({ seed: 3 }),
      gradientClipNorm: 1,
      emaDecay: 0.99,
      hooks: [
        new StopAtStepHook({ numSteps: 100 }),
        new NanGuardHook({ mode: 'skip' }),
        new SummarySaverHook({ everyNSteps: 5, histogramsEveryNSteps: 10 }),
        new ImageGridHook({ everyNSteps: 10, samples: 16 }),
        new ProgressBarHook({ stream: terminal, env: {} }),
      ],
    });
    const trainer = createTrainer(config);
    // The first run creates what lives as long as the trainer: slots and average shadows.
    await trainer.run();
    const afterFirst = tf.memory().numTensors;
    const result = await trainer.run();
    assert.deepEqual(result.steps, { critic: 400, generator: 200 });
    assert.equal(tf.memory().numTensors, afterFirst);

    // The second run's work really happened: ten more grids and a writer per run.
    assert.equal((await readdir(join(logdir, 'samples'))).length, 20);
    const run = await readRun(logdir);
    assert.deepEqual(stepsOf(run, 'samples').length, 20);
    assert.deepEqual(stepsOf(run, 'generator/loss').length, 40);
    assert.deepEqual(stepsOf(run, 'critic/loss').at(-1), 400);
  });
});
