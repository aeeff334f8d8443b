import { ReplicaError } from '../replica-error.js';

/** The workers of a TensorFlow cluster and which of them this process is. */
export interface ClusterSpec {
  /** Every worker's `host:port`, task 0 first (task 0 is the chief). */
  readonly workers: readonly string[];
  /** This process's task index in `workers`. */
  readonly taskIndex: number;
}

/**
 * Reads a cluster in TensorFlow's `TF_CONFIG` form,
 * `{"cluster":{"worker":["host:port", ...]},"task":{"type":"worker","index":i}}`, as
 * MultiWorkerMirroredStrategy does: the same command on every host, each with its own index.
 *
 * @example
 * ```ts
 * parseTfConfig('{"cluster":{"worker":["a:2222","b:2222"]},"task":{"type":"worker","index":1}}');
 * // { workers: ['a:2222', 'b:2222'], taskIndex: 1 }
 * ```
 * @param text - the variable's JSON.
 * @returns the cluster.
 * @throws ReplicaError naming what is missing or wrong.
 */
export function parseTfConfig(text: string): ClusterSpec {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ReplicaError(`TF_CONFIG is not JSON: ${(error as Error).message}`);
  }
  const config = parsed as {
    cluster?: { worker?: unknown; [job: string]: unknown };
    task?: { type?: unknown; index?: unknown };
  };
  const workers = config.cluster?.worker;
  if (!Array.isArray(workers) || workers.length === 0) {
    throw new ReplicaError('TF_CONFIG: cluster.worker must be a non-empty list of "host:port"');
  }
  const others = Object.keys(config.cluster ?? {}).filter((job) => job !== 'worker');
  if (others.length > 0) {
    throw new ReplicaError(
      `TF_CONFIG: gantry's replicas are all workers; cluster has ${others.join(', ')} too`,
    );
  }
  workers.forEach((address, index) => {
    if (typeof address !== 'string' || !/^[^\s:]+:\d{1,5}$/.test(address)) {
      throw new ReplicaError(
        `TF_CONFIG: cluster.worker[${index}] must be "host:port", got ${JSON.stringify(address)}`,
      );
    }
  });
  if (config.task?.type !== 'worker') {
    throw new ReplicaError(
      `TF_CONFIG: task.type must be "worker", got ${JSON.stringify(config.task?.type)}`,
    );
  }
  const index = config.task.index;
  if (
    typeof index !== 'number' ||
    !Number.isInteger(index) ||
    index < 0 ||
    index >= workers.length
  ) {
    throw new ReplicaError(
      `TF_CONFIG: task.index must be an integer from 0 to ${workers.length - 1}, got ` +
        `${JSON.stringify(index)}`,
    );
  }
  return { workers: workers as string[], taskIndex: index };
}

/**
 * The `TF_CONFIG` text of one task, as a launcher hands it to each process it starts.
 *
 * @param workers - every worker's `host:port`.
 * @param taskIndex - the process's index.
 * @returns the JSON.
 */
export function formatTfConfig(workers: readonly string[], taskIndex: number): string {
  return JSON.stringify({
    cluster: { worker: workers },
    task: { type: 'worker', index: taskIndex },
  });
}
