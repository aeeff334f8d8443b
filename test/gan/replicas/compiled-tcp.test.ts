import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend, silentLogger, type Logger } from '../../../src/index.js';
import { availableBackends } from '../../support/backends.js';
import { loopbackGroups, replicaGanConfig, runTogether, weightsOf } from './replica-gan.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

/** Two replicas over gantry's TCP star on the tensorflow backend, and what each logged. */
async function overTcp(execution: 'eager' | 'compiled' | 'auto') {
  const logs: string[][] = [[], []];
  const logger = (rank: number): Logger => ({
    info: (message) => logs[rank]!.push(message),
    warn: (message) => logs[rank]!.push(message),
  });
  const run = await runTogether(await loopbackGroups(2), (rank) =>
    replicaGanConfig('wgan', rank * 100, {
      backend: 'tensorflow',
      execution,
      logger: logger(rank),
    }),
  );
  return { ...run, logs };
}

describe(
  'compiled updates of replicas without an in-graph mean',
  { skip: tensorflow?.absentBecause ?? false },
  () => {
    before(() => initBackend({ backend: 'tensorflow', logger: silentLogger }));

    it('run eagerly under auto over the TCP star, said once per replica', async () => {
      const eager = await overTcp('eager');
      const auto = await overTcp('auto');
      for (const result of auto.results) assert.equal(result.reason, 'last-step');
      assert.deepEqual(weightsOf(auto.trainers[0]!), weightsOf(eager.trainers[0]!));
      for (const logs of auto.logs) {
        const said = logs.filter((line) => line.startsWith('replica updates: cannot compile'));
        assert.equal(said.length, 1, logs.join('\n'));
        assert.match(said[0]!, /TCP group, not TensorFlow's collectives/);
      }
    });

    it('are refused under compiled, on every replica, naming the TCP star', async () => {
      const { results } = await overTcp('compiled');
      for (const result of results) {
        assert.equal(result.reason, 'error');
        assert.match(
          String(result.error),
          /execution 'compiled': the critic update cannot be compiled \(the replicas reduce through gantry's TCP group/,
        );
      }
    });
  },
);
