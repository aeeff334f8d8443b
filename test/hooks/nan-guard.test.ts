import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Observable, Subscription } from 'rxjs';
import {
  NanGuardHook,
  createTrainer,
  initBackend,
  silentLogger,
  tf,
  wasserstein,
  type GanLoss,
  type Hook,
  type TrainingEvent,
} from '../../src/index.js';
import { tinyGanConfig } from '../gan/tiny-gan.js';

/** Wasserstein, except that the critic losses numbered in `poisoned` (from 1) are NaN. */
function poisonedLoss(poisoned: number[]): GanLoss {
  const base = wasserstein();
  let calls = 0;
  return {
    name: 'poisoned',
    criticLoss: (inputs) => {
      calls += 1;
      const terms = base.criticLoss(inputs);
      return poisoned.includes(calls) ? { ...terms, loss: tf.mul(terms.loss, NaN) } : terms;
    },
    generatorLoss: base.generatorLoss,
  };
}

class Recorder implements Hook {
  readonly events: TrainingEvent[] = [];
  subscribe(events$: Observable<TrainingEvent>): Subscription {
    return events$.subscribe((event) => this.events.push(event));
  }
}

describe('NanGuardHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('refuses a NaN update and stops without a final checkpoint', async () => {
    const recorder = new Recorder();
    const config = tinyGanConfig({
      nCritic: 2,
      steps: 10,
      loss: poisonedLoss([3]),
      hooks: [new NanGuardHook(), recorder],
    });
    const trainer = createTrainer(config);
    const result = await trainer.run();
    // Iteration 2's first critic update is NaN: refused, the iteration finishes, then stop.
    assert.deepEqual(result.steps, { critic: 3, generator: 2 });
    assert.match(result.reason, /non-finite loss: the critic loss is NaN at global_step\/critic 2/);
    const end = recorder.events.at(-1);
    assert.ok(end?.kind === 'end');
    assert.equal(end.saveCheckpoint, false);
    const skipped = recorder.events.filter((e) => e.kind === 'critic-step' && e.skipped);
    assert.equal(skipped.length, 1);
  });

  it('in skip mode leaves the weights and the step untouched and trains on', async () => {
    const config = tinyGanConfig({
      nCritic: 1,
      steps: 4,
      loss: poisonedLoss([2]),
      hooks: [new NanGuardHook({ mode: 'skip' })],
    });
    const trainer = createTrainer(config);
    const weights: number[][] = [];
    trainer.events$.subscribe((e) => {
      if (e.kind === 'critic-step') {
        weights.push(Array.from(trainer.critic.trainableVariables[0]?.dataSync() ?? []));
      }
    });
    const result = await trainer.run();
    assert.deepEqual(result, { steps: { critic: 3, generator: 4 }, reason: 'last-step' });
    assert.deepEqual(weights[1], weights[0]);
    assert.notDeepEqual(weights[2], weights[1]);
  });

  it('in skip mode stops after too many non-finite losses in a row', async () => {
    const config = tinyGanConfig({
      nCritic: 1,
      steps: 20,
      loss: poisonedLoss([2, 3, 4]),
      hooks: [new NanGuardHook({ mode: 'skip', maxConsecutiveSkips: 2 })],
    });
    const result = await createTrainer(config).run();
    assert.match(result.reason, /3 in a row/);
    assert.equal(result.steps.critic, 1);
  });
});
