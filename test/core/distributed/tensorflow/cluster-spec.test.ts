import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeServerDef,
  encodeServerDef,
} from '../../../../src/core/distributed/tensorflow/server-def.js';
import {
  formatTfConfig,
  parseTfConfig,
} from '../../../../src/core/distributed/tensorflow/cluster-spec.js';

describe('parseTfConfig', () => {
  it("reads TensorFlow's TF_CONFIG: the workers and this task's index", () => {
    const text =
      '{"cluster":{"worker":["a:2222","b.local:2223"]},"task":{"type":"worker","index":1}}';
    assert.deepEqual(parseTfConfig(text), { workers: ['a:2222', 'b.local:2223'], taskIndex: 1 });
  });

  it('reads back what formatTfConfig writes', () => {
    const workers = ['127.0.0.1:4001', '127.0.0.1:4002', '127.0.0.1:4003'];
    assert.deepEqual(parseTfConfig(formatTfConfig(workers, 2)), { workers, taskIndex: 2 });
  });

  it('names what is wrong', () => {
    const cases: [string, RegExp][] = [
      ['{', /TF_CONFIG is not JSON/],
      [
        '{"cluster":{},"task":{"type":"worker","index":0}}',
        /cluster\.worker must be a non-empty list/,
      ],
      [
        '{"cluster":{"worker":["a:1"],"ps":["b:2"]},"task":{"type":"worker","index":0}}',
        /cluster has ps too/,
      ],
      [
        '{"cluster":{"worker":["a"]},"task":{"type":"worker","index":0}}',
        /cluster\.worker\[0\] must be "host:port", got "a"/,
      ],
      [
        '{"cluster":{"worker":["a:1"]},"task":{"type":"chief","index":0}}',
        /task\.type must be "worker", got "chief"/,
      ],
      [
        '{"cluster":{"worker":["a:1","b:2"]},"task":{"type":"worker","index":2}}',
        /task\.index must be an integer from 0 to 1, got 2/,
      ],
    ];
    for (const [text, message] of cases) assert.throws(() => parseTfConfig(text), message, text);
  });
});

describe('encodeServerDef', () => {
  it('describes job worker, this task, gRPC and task 0 as the collective group leader', () => {
    const bytes = encodeServerDef({ workers: ['127.0.0.1:4001', '127.0.0.1:4002'], taskIndex: 1 });
    assert.deepEqual(decodeServerDef(bytes), {
      cluster: { job: [{ name: 'worker', tasks: { 0: '127.0.0.1:4001', 1: '127.0.0.1:4002' } }] },
      jobName: 'worker',
      taskIndex: 1,
      protocol: 'grpc',
      defaultSessionConfig: {
        experimental: { collectiveGroupLeader: '/job:worker/replica:0/task:0' },
      },
    });
  });
});
