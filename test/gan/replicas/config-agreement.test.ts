import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  RMSPropOptimizer,
  initBackend,
  silentLogger,
  wassersteinGradientPenalty,
} from '../../../src/index.js';
import { loopbackGroups, replicaGanConfig, runTogether } from './replica-gan.js';

describe('replicas refuse a configuration that differs from the chief’s', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('fails every replica at start, naming the replica, the setting and both values', async () => {
    const { results } = await runTogether(await loopbackGroups(3), (rank) =>
      replicaGanConfig('wgan', rank, rank === 2 ? { batchSize: 24 } : { batchSize: 48 }),
    );
    for (const result of results) {
      assert.equal(result.reason, 'error');
      assert.match(
        String(result.error?.message),
        /^refusing to train: replica 2's batchSize 24 differs from the chief's 48;/,
      );
      assert.deepEqual(result.steps, { critic: 0, generator: 0 });
    }
  });

  it("names an optimizer's learning rate, and the lowest-ranked replica that differs", async () => {
    const { results } = await runTogether(await loopbackGroups(3), (rank) =>
      replicaGanConfig('wgan', rank, {
        batchSize: 48,
        ...(rank === 2 ? { seed: 7 } : {}),
        optimizers: {
          critic: new RMSPropOptimizer({ learningRate: 5e-3 }),
          generator: new RMSPropOptimizer({ learningRate: rank === 1 ? 1e-3 : 5e-3 }),
        },
      }),
    );
    for (const result of results) {
      assert.match(
        String(result.error?.message),
        /replica 1's optimizers\.generator\.learningRate 0\.001 differs from the chief's 0\.005/,
      );
    }
  });

  it("names a model whose variables' shapes differ", async () => {
    const { results } = await runTogether(await loopbackGroups(2), (rank) => {
      const config = replicaGanConfig('wgan', rank);
      return rank === 0 ? config : { ...config, generator: replicaGanConfig('wgan', rank).critic };
    });
    for (const result of results) {
      assert.match(
        String(result.error?.message),
        /replica 1's generator\.variables \[2,8\] \[8,1\] differs from the chief's \[3,8\] \[8,2\]/,
      );
    }
  });

  it("names the gradient penalty's weight, which lives inside the loss", async () => {
    const { results } = await runTogether(await loopbackGroups(2), (rank) =>
      replicaGanConfig('wgan-gp', rank, {
        loss: wassersteinGradientPenalty({ weight: rank === 1 ? 5 : 10, seed: 11 }),
      }),
    );
    for (const result of results) {
      assert.equal(result.reason, 'error');
      assert.match(
        String(result.error?.message),
        /replica 1's loss\.gradientPenaltyWeight 5 differs from the chief's 10/,
      );
    }
  });

  it('lets the logdir and the best checkpoint differ: where files go, and what only the chief keeps', async () => {
    const { results } = await runTogether(await loopbackGroups(2), (rank) =>
      replicaGanConfig('wgan', rank, {
        steps: 1,
        logdir: `runs/replica-${rank}`,
        ...(rank === 0 ? { bestCheckpoint: { metric: 'frechet_distance', mode: 'min' } } : {}),
      }),
    );
    assert.deepEqual(
      results.map((result) => [result.reason, result.error]),
      [
        ['last-step', undefined],
        ['last-step', undefined],
      ],
    );
  });
});
