import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  LearningRateScheduleHook,
  LoggingHook,
  NanGuardHook,
  StepCounterHook,
  StopAtStepHook,
  createTrainer,
  initBackend,
  ofKind,
  silentLogger,
  tf,
  wassersteinGradientPenalty,
} from '../../src/index.js';
import { tinyGanConfig } from './tiny-gan.js';

describe('GanTrainer memory', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('keeps the tensor count flat over 300 iterations with every hook, clip and average on', async () => {
    const config = tinyGanConfig({
      nCritic: 2,
      loss: wassersteinGradientPenalty({ seed: 3 }),
      gradientClipNorm: 1,
      weightClip: 0.5,
      emaDecay: 0.99,
      hooks: [
        new StopAtStepHook({ lastStep: 300 }),
        new StepCounterHook({ everyNSteps: 10 }),
        new LoggingHook({ everyN: 10 }),
        new NanGuardHook({ mode: 'skip' }),
        new LearningRateScheduleHook({ optimizer: 'critic', schedule: (s) => 1e-3 / (1 + s) }),
      ],
    });
    const trainer = createTrainer(config);
    const counts: number[] = [];
    trainer.events$.pipe(ofKind('generator-step')).subscribe((e) => {
      if (e.steps.generator === 10 || e.steps.generator === 300)
        counts.push(tf.memory().numTensors);
    });
    const result = await trainer.run();
    assert.deepEqual(result.steps, { critic: 600, generator: 300 });
    // Slots and shadows exist from the first steps on; after that nothing may accumulate.
    assert.equal(counts.length, 2);
    assert.equal(counts[1], counts[0]);
  });
});
