import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ReplicaError, findFreePort, launchLocalReplicas } from '../../../src/index.js';

const fixture = fileURLToPath(new URL('./fixtures/train-replica.ts', import.meta.url));
const nodeArgs = (out: string): string[] => ['--import', 'tsx', fixture, out];

interface Trained {
  steps: { critic: number; generator: number };
  weights: number[][];
  resumedFrom: { critic: number; generator: number } | null;
}

async function outFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'gantry-replicas-')), 'weights.json');
}

async function readTrained(path: string): Promise<Trained> {
  return JSON.parse(await readFile(path, 'utf8')) as Trained;
}

/** Starts one replica by hand, as on another machine: only environment variables. */
function startReplica(rank: number, port: number, out: string): Promise<number | null> {
  const child = spawn(process.execPath, nodeArgs(out), {
    env: {
      ...process.env,
      RANK: String(rank),
      WORLD_SIZE: '2',
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: String(port),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve) => child.on('close', resolve));
}

describe('replica processes', () => {
  it('trains the same weights when started from environment variables as when forked', async () => {
    const forked = await outFile();
    await launchLocalReplicas({ replicas: 2, command: process.execPath, args: nodeArgs(forked) });
    const byHand = await outFile();
    const port = await findFreePort();
    const codes = await Promise.all([startReplica(1, port, byHand), startReplica(0, port, byHand)]);
    assert.deepEqual(codes, [0, 0]);
    const [a, b] = [await readTrained(forked), await readTrained(byHand)];
    assert.deepEqual(a.steps, { critic: 12, generator: 4 });
    assert.deepEqual(b, a);
  });

  it('ends the run naming a replica that was killed, with its last words', async () => {
    await assert.rejects(
      launchLocalReplicas({
        replicas: 2,
        command: process.execPath,
        args: nodeArgs(await outFile()),
        env: { FIXTURE_FAULT: '1:2:kill', FIXTURE_STEPS: '50' },
      }),
      (error) => {
        assert.ok(error instanceof ReplicaError);
        assert.equal(error.rank, 1);
        assert.match(error.message, /replica 1 was killed by SIGKILL/);
        assert.match(error.message, /replica 1: going down \(kill\) at step 2/);
        return true;
      },
    );
  });

  it('ends the run naming a replica that stopped answering, within the timeout', async () => {
    await assert.rejects(
      launchLocalReplicas({
        replicas: 2,
        command: process.execPath,
        args: nodeArgs(await outFile()),
        env: { FIXTURE_FAULT: '1:2:hang', FIXTURE_STEPS: '50', FIXTURE_TIMEOUT_MS: '1500' },
      }),
      (error) => {
        assert.ok(error instanceof ReplicaError);
        assert.equal(error.rank, 1);
        assert.match(error.message, /replica 1 did not answer within 1500 ms/);
        assert.match(error.message, /replica 1: going down \(hang\) at step 2/);
        return true;
      },
    );
  });

  it('keeps the last checkpoint through a replica crash, and resumes it with one replica', async () => {
    const logdir = join(await mkdtemp(join(tmpdir(), 'gantry-replica-resume-')), 'run');
    await assert.rejects(
      launchLocalReplicas({
        replicas: 2,
        command: process.execPath,
        args: nodeArgs(await outFile()),
        env: { FIXTURE_FAULT: '1:3:kill', FIXTURE_STEPS: '6', FIXTURE_LOGDIR: logdir },
      }),
      /replica 1 was killed by SIGKILL/,
    );
    const out = await outFile();
    const code = await new Promise<number | null>((resolve) =>
      spawn(process.execPath, nodeArgs(out), {
        env: { ...process.env, FIXTURE_STEPS: '6', FIXTURE_LOGDIR: logdir },
        stdio: ['ignore', 'ignore', 'inherit'],
      }).on('close', resolve),
    );
    assert.equal(code, 0);
    const resumed = await readTrained(out);
    assert.ok(resumed.resumedFrom !== null, 'the single replica resumed from a checkpoint');
    assert.ok(resumed.resumedFrom.generator >= 1 && resumed.resumedFrom.generator <= 3);
    assert.equal(resumed.resumedFrom.critic, 3 * resumed.resumedFrom.generator);
    assert.deepEqual(resumed.steps, { critic: 18, generator: 6 });
  });
});
