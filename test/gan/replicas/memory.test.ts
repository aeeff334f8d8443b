import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend, silentLogger, tf } from '../../../src/index.js';
import { loopbackGroups, replicaGanConfig, runTogether, type Flavour } from './replica-gan.js';

/** Tensors two replicas leave behind after `steps` iterations (weights, slots, averages). */
async function tensorsLeftBy(flavour: Flavour, steps: number): Promise<number> {
  const before = tf.memory().numTensors;
  await runTogether(await loopbackGroups(2), (rank) =>
    replicaGanConfig(flavour, rank, { steps, emaDecay: 0.9 }),
  );
  return tf.memory().numTensors - before;
}

describe('replica memory', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  for (const flavour of ['wgan', 'wgan-gp'] as Flavour[]) {
    it(`leaves as many tensors after 60 iterations as after 3 (${flavour})`, async () => {
      // Both runs build the same variables, optimizer slots and moving averages; anything an
      // iteration forgot to free (a batch drawn ahead, a reduced gradient) would add up in the
      // longer one. A first run creates what every run shares (the data set).
      await tensorsLeftBy(flavour, 1);
      const short = await tensorsLeftBy(flavour, 3);
      const long = await tensorsLeftBy(flavour, 60);
      assert.ok(short > 0);
      assert.equal(long, short);
    });
  }
});
