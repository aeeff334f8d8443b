import assert from 'node:assert/strict';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import {
  allReduceGradients,
  broadcastVariables,
  checkReplicasAgree,
  findFreePort,
  joinReplicaGroup,
  launchLocalReplicas,
  readReplicaEnvironment,
  ReplicaError,
  TcpReplicaGroup,
} from '../../../src/core/distributed/index.js';
import { silentLogger } from '../../../src/core/logger.js';

async function groupOf(worldSize: number, timeoutMs = 5000): Promise<TcpReplicaGroup[]> {
  const port = await findFreePort();
  return Promise.all(
    Array.from({ length: worldSize }, (_, rank) =>
      TcpReplicaGroup.connect({ rank, worldSize, host: '127.0.0.1', port, timeoutMs }),
    ),
  );
}

describe('TcpReplicaGroup', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('averages buffers across three replicas, the same result on each', async () => {
    const group = await groupOf(3);
    const results = await Promise.all(
      group.map((replica) =>
        replica.allReduceMean(Float32Array.from([replica.rank, 10, -replica.rank * 3])),
      ),
    );
    for (const result of results) assert.deepEqual([...result], [1, 10, -3]);
    await Promise.all(group.map((replica) => replica.close()));
  });

  it("broadcasts the chief's values and agrees on the lowest-ranked proposal", async () => {
    const group = await groupOf(3);
    const broadcast = await Promise.all(
      group.map((replica) => replica.broadcast(Float32Array.from([replica.rank + 7, 1]))),
    );
    for (const values of broadcast) assert.deepEqual([...values], [7, 1]);
    const proposals = [undefined, 'stop: NaN loss', 'stop: SIGINT'];
    const decisions = await Promise.all(
      group.map((replica) => replica.agree(proposals[replica.rank])),
    );
    assert.deepEqual(decisions, ['stop: NaN loss', 'stop: NaN loss', 'stop: NaN loss']);
    const none = await Promise.all(group.map((replica) => replica.agree(undefined)));
    assert.deepEqual(none, [undefined, undefined, undefined]);
    await Promise.all(group.map((replica) => replica.close()));
  });

  it('carries megabytes of gradients intact', async () => {
    const group = await groupOf(2);
    const size = 1_500_000;
    const buffers = group.map((replica) =>
      Float32Array.from({ length: size }, (_, i) => (i % 97) * (replica.rank + 1)),
    );
    const [a, b] = await Promise.all(group.map((replica, i) => replica.allReduceMean(buffers[i]!)));
    assert.deepEqual(a, b);
    assert.equal(a![size - 1], ((size - 1) % 97) * 1.5);
    await Promise.all(group.map((replica) => replica.close()));
  });

  it('fails a collective naming the replica that disconnected', async () => {
    const [chief, worker] = await groupOf(2);
    await worker!.close();
    await assert.rejects(chief!.allReduceMean(new Float32Array(4)), (error) => {
      assert.ok(error instanceof ReplicaError);
      assert.equal(error.rank, 1);
      assert.match(error.message, /replica 1 disconnected/);
      return true;
    });
    await chief!.close();
  });

  it('fails a collective naming the replica that stopped answering', async () => {
    const [chief, worker] = await groupOf(2, 300);
    await assert.rejects(
      chief!.allReduceMean(new Float32Array(4)),
      /replica 1 did not answer within 300 ms/,
    );
    await Promise.all([chief!.close(), worker!.close()]);
  });

  it('averages gradients, broadcasts weights and detects diverged replicas', async () => {
    const group = await groupOf(2);
    const variables = group.map((replica) => [tf.variable(tf.fill([2, 2], replica.rank + 1))]);
    const averaged = await Promise.all(
      group.map((replica) =>
        allReduceGradients(replica, [
          [tf.fill([2], replica.rank * 2), 'a'],
          [null, 'b'],
        ]),
      ),
    );
    for (const grads of averaged) {
      assert.deepEqual(grads[0]![0]!.arraySync(), [1, 1]);
      assert.equal(grads[1]![0], null);
      tf.dispose(grads[0]![0]!);
    }
    const verdicts = await Promise.allSettled(
      group.map((replica, i) => checkReplicasAgree(replica, variables[i]!)),
    );
    for (const verdict of verdicts) {
      assert.equal(
        verdict.status,
        'rejected',
        'every replica stops, not only the one that differs',
      );
      assert.match(String(verdict.reason), /replica 1's weights differ from the chief's/);
    }
    await Promise.all(group.map((replica, i) => broadcastVariables(replica, variables[i]!)));
    for (const [variable] of variables)
      assert.deepEqual(variable!.arraySync(), [
        [1, 1],
        [1, 1],
      ]);
    await Promise.all(group.map((replica, i) => checkReplicasAgree(replica, variables[i]!)));
    tf.dispose(variables.flat());
    await Promise.all(group.map((replica) => replica.close()));
  });
});

describe('replica environment', () => {
  it('is absent without WORLD_SIZE and names a malformed variable', () => {
    assert.equal(readReplicaEnvironment({}), undefined);
    assert.deepEqual(readReplicaEnvironment({ WORLD_SIZE: '2', RANK: '1', MASTER_PORT: '2950' }), {
      rank: 1,
      worldSize: 2,
      masterAddress: '127.0.0.1',
      masterPort: 2950,
    });
    assert.throws(
      () => readReplicaEnvironment({ WORLD_SIZE: '2', RANK: 'x', MASTER_PORT: '1' }),
      /RANK must be an integer/,
    );
    assert.throws(
      () => readReplicaEnvironment({ WORLD_SIZE: '2', RANK: '0' }),
      /MASTER_PORT must be an integer/,
    );
    assert.throws(
      () => readReplicaEnvironment({ WORLD_SIZE: '2', RANK: '2', MASTER_PORT: '1' }),
      /RANK 2 is not below WORLD_SIZE 2/,
    );
  });

  it('joins as separately started processes would, from the environment alone', async () => {
    const port = String(await findFreePort());
    const env = (rank: number) => ({
      WORLD_SIZE: '2',
      RANK: String(rank),
      MASTER_ADDR: '127.0.0.1',
      MASTER_PORT: port,
    });
    const group = await Promise.all([
      joinReplicaGroup({ env: env(0) }),
      joinReplicaGroup({ env: env(1) }),
    ]);
    const sums = await Promise.all(
      group.map((replica) => replica.allReduceMean(Float32Array.of(replica.rank * 4))),
    );
    assert.deepEqual(
      sums.map((sum) => sum[0]),
      [2, 2],
    );
    await Promise.all(group.map((replica) => replica.close()));
  });
});

describe('launchLocalReplicas', () => {
  it("gives each replica its rank and reports a crash with the replica's last words", async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gantry-launch-'));
    const script = join(folder, 'replica.mjs');
    await writeFile(
      script,
      [
        'const rank = Number(process.env.RANK);',
        'process.stderr.write(`replica ${rank} of ${process.env.WORLD_SIZE} on port ${process.env.MASTER_PORT}\\n`);',
        "if (rank === 1) { process.stderr.write('out of memory in critic step\\n'); process.exit(3); }",
        'setTimeout(() => process.exit(0), 5000);',
      ].join('\n'),
    );
    const started = Date.now();
    await assert.rejects(
      launchLocalReplicas({ replicas: 2, command: process.execPath, args: [script] }),
      (error) => {
        assert.ok(error instanceof ReplicaError);
        assert.equal(error.rank, 1);
        assert.match(error.message, /replica 1 exited with code 3/);
        assert.match(error.message, /replica 1 of 2 on port \d+\nout of memory in critic step/);
        return true;
      },
    );
    assert.ok(
      Date.now() - started < 4000,
      'the failure is reported without waiting for the others',
    );
  });

  it('resolves when every replica succeeds', async () => {
    const result = await launchLocalReplicas({
      replicas: 2,
      command: process.execPath,
      args: ['-e', 'process.exit(Number(process.env.RANK) < 2 ? 0 : 1)'],
    });
    assert.deepEqual(result.exitCodes, [0, 0]);
  });
});
