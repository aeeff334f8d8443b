import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createTrainer, initBackend, silentLogger } from '../../../src/index.js';
import {
  StepRecorder,
  loopbackGroups,
  replicaGanConfig,
  runTogether,
  weightsOf,
  type Flavour,
} from './replica-gan.js';

/** Float32 sums in another order differ in the last bits; this is far below any real change. */
function assertClose(actual: number[][], expected: number[][], tolerance: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((values, i) =>
    values.forEach((value, j) => {
      const want = expected[i]![j]!;
      assert.ok(
        Math.abs(value - want) <= tolerance * Math.max(1, Math.abs(want)),
        `variable ${i}[${j}]: ${value} vs ${want}`,
      );
    }),
  );
}

describe('synchronous data-parallel replicas', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  for (const flavour of ['wgan', 'wgan-gp'] as Flavour[]) {
    it(`R=2 trains the weights and steps of R=1 on the same global batch (${flavour})`, async () => {
      const aloneLosses = new StepRecorder();
      const single = createTrainer(replicaGanConfig(flavour, 0, { hooks: [aloneLosses] }));
      const singleResult = await single.run();
      const recorders = [new StepRecorder(), new StepRecorder()];
      // Replica 1 starts from other weights: the chief's must reach it by broadcast.
      const { trainers, results } = await runTogether(await loopbackGroups(2), (rank) =>
        replicaGanConfig(flavour, rank * 100, { hooks: [recorders[rank]!] }),
      );
      for (const result of results) assert.deepEqual(result, singleResult);
      assert.deepEqual(weightsOf(trainers[1]!), weightsOf(trainers[0]!), 'replicas agree exactly');
      assertClose(weightsOf(trainers[0]!), weightsOf(single), 1e-5);
      assert.deepEqual(recorders[1]!.losses, recorders[0]!.losses);
      assert.equal(recorders[0]!.losses.length, aloneLosses.losses.length);
      assertClose([recorders[0]!.losses], [aloneLosses.losses], 1e-5);
    });
  }
});
