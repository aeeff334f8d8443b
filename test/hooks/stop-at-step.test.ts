import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { StopAtStepHook, createTrainer, initBackend, silentLogger } from '../../src/index.js';
import { tinyGanConfig } from '../gan/tiny-gan.js';

describe('StopAtStepHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('stops when the generator step reaches lastStep', async () => {
    const hooks = [new StopAtStepHook({ lastStep: 3 })];
    const result = await createTrainer(tinyGanConfig({ nCritic: 2, hooks })).run();
    assert.deepEqual(result.steps, { critic: 6, generator: 3 });
    assert.equal(result.reason, 'global_step/generator reached 3');
  });

  it('counts numSteps from the step at begin, so a resumed run trains that many more', async () => {
    const trainer = createTrainer(
      tinyGanConfig({ nCritic: 1, hooks: [new StopAtStepHook({ numSteps: 2 })] }),
    );
    trainer.globalSteps.generator.assign(10);
    trainer.globalSteps.critic.assign(10);
    const result = await trainer.run();
    assert.deepEqual(result.steps, { critic: 12, generator: 12 });
  });

  it('stops on the critic step at the next iteration boundary when asked to', async () => {
    const hooks = [new StopAtStepHook({ lastStep: 4, step: 'critic' })];
    const result = await createTrainer(tinyGanConfig({ nCritic: 3, hooks })).run();
    assert.deepEqual(result.steps, { critic: 6, generator: 2 });
  });

  it('does not train at all when the step is already past lastStep', async () => {
    const trainer = createTrainer(tinyGanConfig({ hooks: [new StopAtStepHook({ lastStep: 5 })] }));
    trainer.globalSteps.generator.assign(5);
    const result = await trainer.run();
    assert.deepEqual(result.steps, { critic: 0, generator: 5 });
  });

  it('requires exactly one of lastStep and numSteps', () => {
    assert.throws(() => new StopAtStepHook({}), /exactly one of lastStep and numSteps/);
    assert.throws(
      () => new StopAtStepHook({ lastStep: 1, numSteps: 1 }),
      /exactly one of lastStep and numSteps/,
    );
  });
});
