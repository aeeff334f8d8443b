import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { findFreePort, formatTfConfig } from '../../../src/index.js';
import { availableBackends } from '../../support/backends.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');
const fixture = fileURLToPath(new URL('./fixtures/train-replica.ts', import.meta.url));

/** The collectives' timeout the workers run with, and the health check of each peer after. */
const TIMEOUT_MS = 20_000;
const HEALTH_CHECK_MS = 2000;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  endedAt: number;
}

async function outFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'gantry-tf-faults-')), 'weights.json');
}

/** Starts the fixture as one TensorFlow worker of `workers`, as on its own machine. */
function startWorker(
  workers: readonly string[],
  rank: number,
  out: string,
  env: NodeJS.ProcessEnv,
): Promise<Ended> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, out], {
    env: {
      ...process.env,
      TF_CONFIG: formatTfConfig(workers, rank),
      FIXTURE_BACKEND: 'tensorflow',
      FIXTURE_TIMEOUT_MS: String(TIMEOUT_MS),
      TF_CPP_MIN_LOG_LEVEL: '3',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, endedAt: Date.now() })),
  );
}

async function loopbackWorkers(count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => `127.0.0.1:${await findFreePort()}`),
  );
}

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
    const trained = JSON.parse(await readFile(resumed, 'utf8')) as {
      resumedFrom: { critic: number; generator: number } | null;
      steps: { critic: number; generator: number };
    };
    assert.ok(trained.resumedFrom !== null, 'resumed from the chief’s checkpoint');
    assert.ok(trained.resumedFrom.generator >= 1 && trained.resumedFrom.generator <= 3);
    assert.deepEqual(trained.steps, { critic: 12, generator: 4 });
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
