import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  LearningRateScheduleHook,
  createTrainer,
  initBackend,
  ofKind,
  silentLogger,
} from '../../src/index.js';
import { tinyGanConfig } from '../gan/tiny-gan.js';

describe('LearningRateScheduleHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('sets each critic update’s rate from the schedule at that update’s global step', async () => {
    const schedule = (step: number): number => 0.1 / (step + 1);
    const hooks = [new LearningRateScheduleHook({ optimizer: 'critic', schedule })];
    const trainer = createTrainer(tinyGanConfig({ nCritic: 3, steps: 2, hooks }));
    const seen: Array<[number, number, number]> = [];
    trainer.events$.pipe(ofKind('critic-step')).subscribe((e) => {
      seen.push([e.steps.critic, e.learningRates.critic, e.learningRates.generator]);
    });
    await trainer.run();
    // The update that brought the step to s ran at global step s − 1.
    assert.deepEqual(
      seen,
      [1, 2, 3, 4, 5, 6].map((s) => [s, schedule(s - 1), 5e-5]),
    );
  });

  it('ends the run with an error naming the hook when the schedule gives a bad rate', async () => {
    const hooks = [new LearningRateScheduleHook({ optimizer: 'generator', schedule: () => NaN })];
    const result = await createTrainer(tinyGanConfig({ steps: 3, hooks })).run();
    assert.equal(result.reason, 'error');
    assert.match(
      String(result.error?.message),
      /LearningRateScheduleHook\(generator\) failed: the schedule gave NaN at global_step\/generator 0/,
    );
    assert.deepEqual(result.steps, { critic: 0, generator: 0 });
  });
});
