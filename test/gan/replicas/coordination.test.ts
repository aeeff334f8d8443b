import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Observable, Subscription } from 'rxjs';
import {
  ReplicaError,
  initBackend,
  silentLogger,
  tf,
  type GanModel,
  type Hook,
  type TrainingContext,
  type TrainingEvent,
} from '../../../src/index.js';
import { loopbackGroups, replicaGanConfig, runTogether } from './replica-gan.js';

/** Calls `act` at one generator step. */
function atGeneratorStep(
  step: number,
  act: (context: TrainingContext) => void,
  chiefOnly = false,
): Hook & { seen: number } {
  return {
    chiefOnly,
    seen: 0,
    subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
      return events$.subscribe((event) => {
        this.seen += 1;
        if (event.kind === 'generator-step' && event.steps.generator === step) act(context);
      });
    },
  };
}

describe('replica coordination', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it("stops every replica after the same iteration when one replica's hook asks", async () => {
    const { results } = await runTogether(await loopbackGroups(2), (rank) =>
      replicaGanConfig('wgan', 0, {
        steps: 20,
        hooks:
          rank === 1
            ? [atGeneratorStep(3, (c) => c.requestStop('enough', { saveCheckpoint: false }))]
            : [],
      }),
    );
    assert.deepEqual(
      results.map((r) => [r.reason, r.steps]),
      [
        ['enough', { critic: 9, generator: 3 }],
        ['enough', { critic: 9, generator: 3 }],
      ],
    );
  });

  it('attaches chief-only hooks on the chief alone', async () => {
    const hooks = [
      atGeneratorStep(-1, () => undefined, true),
      atGeneratorStep(-1, () => undefined, true),
    ];
    await runTogether(await loopbackGroups(2), (rank) =>
      replicaGanConfig('wgan', 0, { steps: 1, hooks: [hooks[rank]!] }),
    );
    assert.ok(hooks[0]!.seen > 0, 'the chief runs it');
    assert.equal(hooks[1]!.seen, 0, 'replica 1 does not');
  });

  it('stops every replica with an error naming the replica whose weights drifted', async () => {
    const { results } = await runTogether(await loopbackGroups(2), (rank) => {
      const config = replicaGanConfig('wgan', 0, { steps: 20, replicaCheckEvery: 2 });
      const drift = atGeneratorStep(1, () => {
        const [w] = (config.critic as GanModel).trainableVariables;
        w!.assign(tf.add(w!, 1e-3));
      });
      return { ...config, hooks: rank === 1 ? [drift] : [] };
    });
    for (const result of results) {
      assert.equal(result.reason, 'error');
      assert.ok(result.error instanceof ReplicaError);
      assert.equal(result.error.rank, 1);
      assert.match(result.error.message, /replica 1's weights differ from the chief's/);
      assert.deepEqual(result.steps, { critic: 6, generator: 2 });
    }
  });

  it('refuses a global batch the replicas cannot split evenly', async () => {
    const { results } = await runTogether(await loopbackGroups(2), () =>
      replicaGanConfig('wgan', 0, { batchSize: 15 }),
    );
    for (const result of results) {
      assert.match(String(result.error), /batchSize 15 is not a multiple of the 2 replicas/);
    }
  });
});
