import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  ReplicaError,
  allowedCpus,
  cpuShares,
  launchLocalReplicas,
  parseCpuList,
} from '../../../src/core/distributed/index.js';

/** Runs two replicas that write the CPUs they may use and their thread budget to files. */
async function placementsOf(cpuBinding: 'cores' | 'none'): Promise<string[]> {
  const folder = await mkdtemp(join(tmpdir(), 'gantry-binding-'));
  const script = join(folder, 'replica.mjs');
  await writeFile(
    script,
    [
      "import { readFileSync, writeFileSync } from 'node:fs';",
      "const list = /Cpus_allowed_list:\\s*(\\S+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1];",
      `writeFileSync(${JSON.stringify(folder)} + '/' + process.env.RANK, list + ' ' + process.env.OMP_NUM_THREADS);`,
    ].join('\n'),
  );
  await launchLocalReplicas({ replicas: 2, command: process.execPath, args: [script], cpuBinding });
  return Promise.all(['0', '1'].map((rank) => readFile(join(folder, rank), 'utf8')));
}

const cpus = allowedCpus();
const taskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
const canBind =
  cpus !== undefined && cpus.length >= 2 && taskset.error === undefined && taskset.status === 0;

describe('CPU binding of local replicas', () => {
  it('reads Linux CPU lists and names a malformed part', () => {
    assert.deepEqual(parseCpuList('0-3,8,10-11\n'), [0, 1, 2, 3, 8, 10, 11]);
    assert.deepEqual(parseCpuList('5'), [5]);
    assert.throws(
      () => parseCpuList('0-3,x'),
      (error) => {
        assert.ok(error instanceof ReplicaError);
        assert.match(error.message, /bad part "x"/);
        return true;
      },
    );
  });

  it('gives every replica an equal, separate share and none when CPUs are too few', () => {
    assert.deepEqual(cpuShares([0, 1, 2, 3, 4], 2), [
      [0, 1],
      [2, 3],
    ]);
    assert.deepEqual(cpuShares([4, 5], 2), [[4], [5]]);
    assert.equal(cpuShares([0], 2), undefined);
  });

  it(
    'binds each forked replica to its own cores, with as many threads as cores',
    { skip: canBind ? false : 'needs Linux, taskset and two CPUs' },
    async () => {
      const [first, second] = cpuShares(cpus!, 2)!;
      assert.deepEqual(await placementsOf('cores'), [
        `${first!.join(',')} ${first!.length}`,
        `${second!.join(',')} ${second!.length}`,
      ]);
    },
  );

  it(
    'leaves placement to the system with cpuBinding none',
    { skip: canBind ? false : 'needs Linux, taskset and two CPUs' },
    async () => {
      const everywhere = await placementsOf('none');
      assert.equal(everywhere[0], everywhere[1]);
      assert.deepEqual(parseCpuList(everywhere[0]!.split(' ')[0]!), cpus);
    },
  );
});
