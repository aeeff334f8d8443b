import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { availableBackends } from '../../support/backends.js';
import {
  TIMEOUT_MS,
  fixture,
  loopbackWorkers,
  outFile,
  readTrained,
  startWorker,
} from './tensorflow-workers.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');

/** The health check of each peer after a failed collective. */
const HEALTH_CHECK_MS = 2000;

describe("faults among TensorFlow's workers", { skip: tensorflow?.absentBecause ?? false }, () => {
  it('ends every other worker, naming the one killed mid-run, and keeps the chief’s checkpoint', async () => {
    const logdir = join(await mkdtemp(join(tmpdir(), 'gantry-tf-kill-')), 'run');
    const workers = await loopbackWorkers(3);
    const env = {
      FIXTURE_FAULT: '1:2:kill',
      FIXTURE_STEPS: '50',
      FIXTURE_BATCH: '12',
      FIXTURE_LOGDIR: logdir,
    };
    const out = await outFile();
    const [chief, killed, other] = await Promise.all(
      [0, 1, 2].map((rank) => startWorker(workers, rank, out, env)),
    );
    assert.equal(killed!.signal, 'SIGKILL');
    for (const survivor of [chief!, other!]) {
      assert.notEqual(survivor.code, 0, survivor.stderr);
      assert.match(
        survivor.stderr,
        /worker 1 \(127\.0\.0\.1:\d+\) stopped answering/,
        survivor.stderr,
      );
      assert.ok(
        survivor.endedAt - killed!.endedAt < TIMEOUT_MS + 2 * HEALTH_CHECK_MS,
        `ended ${survivor.endedAt - killed!.endedAt} ms after the kill`,
      );
    }
    // The chief's latest checkpoint loads: one process resumes from it and finishes the run.
    const resumed = await outFile();
    const code = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, ['--import', 'tsx', fixture, resumed], {
        env: { ...process.env, FIXTURE_STEPS: '4', FIXTURE_BATCH: '12', FIXTURE_LOGDIR: logdir },
        stdio: ['ignore', 'ignore', 'inherit'],
      }).on('close', resolve),
    );
    assert.equal(code, 0);
    const trained = await readTrained(resumed);
    assert.ok(trained.resumedFrom !== null, 'resumed from the chief’s checkpoint');
    assert.ok(trained.resumedFrom.generator >= 1 && trained.resumedFrom.generator <= 3);
    assert.deepEqual(trained.steps, { critic: 12, generator: 4 });
  });

  it('ends the other worker, naming the one killed, when the collective fails inside a compiled update', async () => {
    const workers = await loopbackWorkers(2);
    const env = {
      // After a critic update, so the next collective is the compiled critic update's.
      FIXTURE_FAULT: '1:2:kill:critic',
      FIXTURE_STEPS: '50',
      FIXTURE_BATCH: '12',
      FIXTURE_EXECUTION: 'compiled',
    };
    const out = await outFile();
    const [chief, killed] = await Promise.all(
      [0, 1].map((rank) => startWorker(workers, rank, out, env)),
    );
    assert.equal(killed!.signal, 'SIGKILL');
    assert.notEqual(chief!.code, 0, chief!.stderr);
    assert.match(
      chief!.stderr,
      // TensorFlow's own message (TF_Message) follows the status it failed with.
      /worker 1 \(127\.0\.0\.1:\d+\) stopped answering: .*inside a compiled update, failed \(timeout \d+ s\): TensorFlow status [A-Z_]+[^:]*: \S/,
      chief!.stderr,
    );
    assert.ok(
      chief!.endedAt - killed!.endedAt < TIMEOUT_MS + HEALTH_CHECK_MS,
      `ended ${chief!.endedAt - killed!.endedAt} ms after the kill`,
    );
  });

  it('refuses, on every worker, a worker whose batch differs from the chief’s', async () => {
    const workers = await loopbackWorkers(2);
    const out = await outFile();
    const ended = await Promise.all(
      [0, 1].map((rank) =>
        startWorker(workers, rank, out, { FIXTURE_BATCH: rank === 1 ? '8' : '16' }),
      ),
    );
    for (const worker of ended) {
      assert.notEqual(worker.code, 0);
      assert.match(
        worker.stderr,
        /refusing to train: replica 1's batchSize 8 differs from the chief's 16/,
        worker.stderr,
      );
    }
  });
});
