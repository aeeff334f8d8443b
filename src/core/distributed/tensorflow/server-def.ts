/**
 * `tensorflow.ServerDef`, the message `TFE_EnableCollectiveOps` takes, described in code. Field
 * numbers are TensorFlow's, read from the wheel's generated headers
 * (`tensorflow/core/protobuf/{tensorflow_server,cluster,config}.pb.h`); only the fields gantry
 * sets are described.
 */
import protobuf from 'protobufjs';
import type { ClusterSpec } from './cluster-spec.js';

const root = protobuf.Root.fromJSON({
  nested: {
    tensorflow: {
      nested: {
        ServerDef: {
          fields: {
            cluster: { type: 'ClusterDef', id: 1 },
            jobName: { type: 'string', id: 2 },
            taskIndex: { type: 'int32', id: 3 },
            defaultSessionConfig: { type: 'ConfigProto', id: 4 },
            protocol: { type: 'string', id: 5 },
          },
        },
        ClusterDef: { fields: { job: { rule: 'repeated', type: 'JobDef', id: 1 } } },
        JobDef: {
          fields: {
            name: { type: 'string', id: 1 },
            // A map<int32, string>: task index → address.
            tasks: { keyType: 'int32', type: 'string', id: 2 } as protobuf.IMapField,
          },
        },
        ConfigProto: { fields: { experimental: { type: 'Experimental', id: 16 } } },
        Experimental: { fields: { collectiveGroupLeader: { type: 'string', id: 1 } } },
      },
    },
  },
});
const ServerDef = root.lookupType('tensorflow.ServerDef');

/**
 * Serialises the ServerDef of one task of a cluster: every worker's address under job
 * `worker`, this task's index, gRPC, and task 0 as the collective group leader (without a
 * leader the workers never agree on a group and time out with DEADLINE_EXCEEDED).
 *
 * @param cluster - the workers and this task's index.
 * @returns the bytes for `enableCollectiveOps`.
 */
export function encodeServerDef(cluster: ClusterSpec): Uint8Array {
  const tasks = Object.fromEntries(cluster.workers.map((address, index) => [index, address]));
  const message = ServerDef.fromObject({
    cluster: { job: [{ name: 'worker', tasks }] },
    jobName: 'worker',
    taskIndex: cluster.taskIndex,
    protocol: 'grpc',
    defaultSessionConfig: {
      experimental: { collectiveGroupLeader: '/job:worker/replica:0/task:0' },
    },
  });
  return ServerDef.encode(message).finish();
}

/**
 * Reads a ServerDef back, for tests and messages.
 *
 * @param bytes - what {@link encodeServerDef} wrote.
 * @returns its fields as plain values.
 */
export function decodeServerDef(bytes: Uint8Array): Record<string, unknown> {
  return ServerDef.toObject(ServerDef.decode(bytes), { defaults: false }) as Record<
    string,
    unknown
  >;
}
