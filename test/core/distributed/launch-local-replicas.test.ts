import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplicaError, launchLocalReplicas } from '../../../src/index.js';

/** Rank 0 reports that TensorFlow's worker 1 is gone and fails; rank 1 stays up until stopped. */
const BLAMING = `
if (process.env.TF_CONFIG.includes('"index":0')) {
  console.error('worker 1 (127.0.0.1:2222) stopped answering: Deadline Exceeded');
  process.exit(1);
}
setTimeout(() => {}, 60_000);
`;

describe('launchLocalReplicas', () => {
  it("names the TensorFlow worker another one's last words blame", async () => {
    await assert.rejects(
      launchLocalReplicas({
        replicas: 2,
        command: process.execPath,
        args: ['-e', BLAMING],
        collectives: 'tensorflow',
        cpuBinding: 'none',
      }),
      (error) => {
        assert.ok(error instanceof ReplicaError);
        assert.equal(error.rank, 1);
        assert.match(error.message, /^replica 1 stopped answering: replica 0 exited with code 1/);
        return true;
      },
    );
  });
});
