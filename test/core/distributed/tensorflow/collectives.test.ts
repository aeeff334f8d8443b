import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { findFreePort, formatTfConfig } from '../../../../src/core/distributed/index.js';
import { availableBackends } from '../../../support/backends.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');
const INDEX = fileURLToPath(new URL('../../../../src/index.ts', import.meta.url));

/** One TensorFlow worker: joins the cluster, runs the collectives, prints one JSON line. */
const WORKER = `
const { initBackend, joinTensorflowCluster, parseTfConfig, silentLogger, tf } = await import(${JSON.stringify(INDEX)});
await initBackend({ backend: 'tensorflow', logger: silentLogger });
const cluster = parseTfConfig(process.env.TF_CONFIG);
const rank = cluster.taskIndex;
try {
  const group = await joinTensorflowCluster(cluster, { timeoutSeconds: Number(process.env.TIMEOUT) });
  const mean = await group.allReduceMean(Float32Array.from([1, 2, 3, 0.1], (v) => v * (rank + 1)));
  const chief = await group.broadcast(rank === 0 ? Float32Array.of(Math.PI, -0, 1e-30) : new Float32Array(3));
  const none = await group.agree(undefined);
  const stop = await group.agree(rank === 1 ? 'stop from 1' : rank === 2 ? 'stop from 2' : undefined);
  const before = tf.memory().numTensors;
  for (let i = 0; i < 5; i++) await group.allReduceMean(new Float32Array(8));
  const leaked = tf.memory().numTensors - before;
  await group.close();
  const released = before - tf.memory().numTensors;
  console.log(JSON.stringify({ rank, mean: [...mean], chief: [...new Uint32Array(chief.buffer, chief.byteOffset, chief.length)], none: none ?? null, stop, leaked, released }));
} catch (error) {
  console.log(JSON.stringify({ rank, error: error.message }));
}
process.exit(0);
`;

async function runWorkers(count: number, present: number[], timeoutSeconds: number) {
  const workers = await Promise.all(
    Array.from({ length: count }, async () => `127.0.0.1:${await findFreePort()}`),
  );
  return Promise.all(
    present.map(
      (rank) =>
        new Promise<Record<string, unknown>>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ['--import', 'tsx', '--input-type=module', '-e', WORKER],
            {
              env: {
                ...process.env,
                TF_CONFIG: formatTfConfig(workers, rank),
                TIMEOUT: String(timeoutSeconds),
              },
              stdio: ['ignore', 'pipe', 'pipe'],
            },
          );
          let out = '';
          let err = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
          child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
          child.once('exit', () => {
            try {
              resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as Record<string, unknown>);
            } catch {
              reject(new Error(`worker ${rank} printed ${JSON.stringify(out)}; stderr ${err}`));
            }
          });
        }),
    ),
  );
}

describe(
  "TensorFlow's collective runtime as a replica group",
  { skip: tensorflow?.absentBecause ?? false },
  () => {
    it('averages, broadcasts and agrees across three worker processes, the same on each, leaking nothing', async () => {
      const results = await runWorkers(3, [0, 1, 2], 60);
      for (const result of results) {
        assert.equal(result['error'], undefined, String(result['error']));
        const mean = result['mean'] as number[];
        [2, 4, 6, 0.2].forEach((expected, i) =>
          assert.ok(Math.abs((mean[i] ?? NaN) - expected) < 1e-6),
        );
        // Compared as bits: the chief's −0 must arrive as −0 (JSON would print it as 0).
        const sent = Float32Array.of(Math.PI, -0, 1e-30);
        assert.deepEqual(result['chief'], [...new Uint32Array(sent.buffer)]);
        assert.equal(result['none'], null);
        assert.equal(result['stop'], 'stop from 1');
        assert.equal(result['leaked'], 0, 'no tensor is left per reduction');
        assert.equal(result['released'], 2, "closing releases the group's size and key");
      }
      assert.deepEqual(results[1]?.['mean'], results[0]?.['mean']);
      assert.deepEqual(results[2]?.['mean'], results[0]?.['mean']);
    });

    it('fails a worker whose peer never arrives within the timeout, naming the peer', async () => {
      const started = performance.now();
      const [alone] = await runWorkers(2, [0], 3);
      assert.match(
        String(alone?.['error']),
        /^worker 1 \(127\.0\.0\.1:\d+\) did not answer within 3 s/,
      );
      assert.ok(performance.now() - started < 60_000);
    });
  },
);
