import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { availableBackends } from '../../support/backends.js';
import {
  outFile,
  readTrained,
  runCluster,
  startWorker,
  type Trained,
} from './tensorflow-workers.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

/** Float32 sums in another order differ in the last bits; the replica tests' tolerance. */
const TOLERANCE = 1e-5;

function assertClose(actual: number[][], expected: number[][], what: string): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((values, i) =>
    values.forEach((value, j) => {
      const want = expected[i]![j]!;
      assert.ok(
        Math.abs(value - want) <= TOLERANCE * Math.max(1, Math.abs(want)),
        `${what}: ${i}[${j}] ${value} vs ${want}`,
      );
    }),
  );
}

async function trainAlone(env: NodeJS.ProcessEnv): Promise<Trained> {
  const out = await outFile();
  const ended = await startWorker(undefined, 0, out, env);
  if (ended.code !== 0) throw new Error(ended.stderr);
  return readTrained(out);
}

/** The run both tests compare with one process's: WGAN-GP, 6 iterations. */
const RUN = { FIXTURE_FLAVOUR: 'wgan-gp', FIXTURE_STEPS: '6' };
let reference: Promise<Trained> | undefined;
/** One process training {@link RUN}, run once for both tests. */
const single = (): Promise<Trained> => (reference ??= trainAlone(RUN));

const traced = (trained: Trained, update: string): boolean =>
  trained.logs.some((line) => line.startsWith(`${update}: traced into one TensorFlow function`));

describe(
  "compiled updates of TensorFlow's workers",
  { skip: tensorflow?.absentBecause ?? false },
  () => {
    it('two workers with the mean inside each compiled update train what eager workers and one process train (WGAN-GP)', async () => {
      const [compiled, eager, alone] = await Promise.all([
        runCluster(2, { ...RUN, FIXTURE_EXECUTION: 'compiled' }),
        runCluster(2, { ...RUN, FIXTURE_EXECUTION: 'eager' }),
        single(),
      ]);
      assert.ok(traced(compiled.trained, 'critic_update'), compiled.trained.logs.join('\n'));
      assert.ok(traced(compiled.trained, 'generator_update'), compiled.trained.logs.join('\n'));
      assert.ok(!traced(eager.trained, 'critic_update'));
      for (const trained of [compiled.trained, eager.trained])
        assert.deepEqual(trained.steps, alone.steps);
      assertClose(compiled.trained.weights, eager.trained.weights, 'compiled vs eager replicas');
      assertClose(compiled.trained.weights, alone.weights, 'compiled replicas vs one process');
      assertClose([compiled.trained.losses], [eager.trained.losses], 'losses');
      assertClose([compiled.trained.losses], [alone.losses], 'losses');
      // After the first iteration (the traces, the optimizers' slots) nothing more is kept.
      const [, ...settled] = compiled.trained.tensors;
      assert.ok(settled.length >= 4);
      assert.deepEqual(new Set(settled).size, 1, `tensors ${compiled.trained.tensors.join(' ')}`);
      const [, ...handles] = compiled.trained.handles;
      assert.deepEqual(new Set(handles).size, 1, `handles ${compiled.trained.handles.join(' ')}`);
    });

    it('runs an update whose trace fails eagerly under auto, said once, and still trains what one process trains', async () => {
      // The critic's loss reads a value back (which changes no number): its update cannot be
      // traced; the generator's can.
      const [replicas, alone] = await Promise.all([
        runCluster(2, { ...RUN, FIXTURE_READBACK: '1', FIXTURE_EXECUTION: 'auto' }),
        single(),
      ]);
      const { logs } = replicas.trained;
      const refusals = logs.filter((line) => line.startsWith('critic_update: cannot compile'));
      assert.equal(refusals.length, 1, logs.join('\n'));
      assert.match(refusals[0]!, /reads .* back to JavaScript/);
      assert.ok(traced(replicas.trained, 'generator_update'), logs.join('\n'));
      assert.deepEqual(replicas.trained.steps, alone.steps);
      assertClose(replicas.trained.weights, alone.weights, 'auto replicas vs one process');
      assertClose([replicas.trained.losses], [alone.losses], 'losses');
    });
  },
);
