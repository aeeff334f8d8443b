import type * as tf from '../../backend/tf.js';
import type { InGraphMean } from '../in-graph-mean.js';
import type { ReplicaGroup } from '../replica-group.js';
import { ReplicaError } from '../replica-error.js';
import type { ClusterSpec } from './cluster-spec.js';
import { CollectiveRuntime } from './collective-runtime.js';

/** Options of {@link joinTensorflowCluster}. */
export interface TensorflowClusterOptions {
  /**
   * Seconds one collective waits for every worker before it fails naming the late ones; also
   * the time a worker that never arrives is given at start. Default 60.
   */
  timeoutSeconds?: number;
}

/**
 * Joins a cluster of TensorFlow workers and returns it as gantry's {@link ReplicaGroup}: the
 * gradient mean is TensorFlow's own ring all-reduce (CollectiveReduceV2), the broadcast of the
 * chief's weights and the stop agreement go through the same runtime, so replicas on the
 * tensorflow backend need no connection of gantry's. Run the same command on every host with
 * its own `TF_CONFIG` (see `parseTfConfig`).
 *
 * @example
 * ```ts
 * await initBackend({ backend: 'tensorflow' });
 * const group = await joinTensorflowCluster(parseTfConfig(process.env.TF_CONFIG ?? ''));
 * createTrainer({ ...config, replicaGroup: group });
 * ```
 * @param cluster - the workers and this process's task index.
 * @param options - the collectives' timeout.
 * @returns the group, once every worker has answered.
 * @throws ReplicaError naming a worker that does not answer within the timeout.
 */
export async function joinTensorflowCluster(
  cluster: ClusterSpec,
  options: TensorflowClusterOptions = {},
): Promise<ReplicaGroup> {
  const timeoutSeconds = options.timeoutSeconds ?? 60;
  const runtime = CollectiveRuntime.start(cluster, { timeoutSeconds });
  const group = new TensorflowReplicaGroup(runtime);
  await group.waitForWorkers(timeoutSeconds * 1000);
  return group;
}

class TensorflowReplicaGroup implements ReplicaGroup {
  readonly rank: number;
  readonly worldSize: number;
  readonly isChief: boolean;
  readonly inGraphMean: InGraphMean;
  private closed = false;

  constructor(private readonly runtime: CollectiveRuntime) {
    this.rank = runtime.cluster.taskIndex;
    this.worldSize = runtime.cluster.workers.length;
    this.isChief = this.rank === 0;
    this.inGraphMean = {
      nextInstanceKey: () => this.openRuntime().nextInstanceKey(),
      mean: (values: tf.Tensor, instanceKey: tf.Tensor) =>
        this.openRuntime().meanOp(values, instanceKey),
      failure: (error: unknown, instanceKey: number) =>
        this.diagnose(
          runtime.failure(error, `collective ${instanceKey}, inside a compiled update,`),
        ),
    };
  }

  /** Asks every other worker for its health until all answer, so a missing one is named. */
  async waitForWorkers(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let task = 0; task < this.worldSize; task++) {
      if (task === this.rank) continue;
      for (;;) {
        const problem = this.runtime.peerProblem(task, 2000);
        if (problem === undefined) break;
        if (Date.now() > deadline) {
          this.runtime.abort(`worker ${task} never arrived`);
          throw new ReplicaError(
            `worker ${task} (${this.runtime.cluster.workers[task]}) did not answer within ` +
              `${timeoutMs / 1000} s: ${firstLine(problem)}`,
            task,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  allReduceMean(values: Float32Array): Promise<Float32Array> {
    return this.collective(() => this.runtime.reduce(values, 'mean'));
  }

  broadcast(values: Float32Array): Promise<Float32Array> {
    // A sum in which every worker but the chief adds −0 is the chief's values, bit for bit:
    // x + (−0) = x for every float, +0 and −0 included (+0 would turn a −0 into +0).
    const contribution = this.isChief ? values : new Float32Array(values.length).fill(-0);
    return this.collective(() => this.runtime.reduce(contribution, 'sum'));
  }

  async agree(proposal: string | undefined): Promise<string | undefined> {
    const flags = new Float32Array(this.worldSize);
    if (proposal !== undefined) flags[this.rank] = 1;
    const proposing = await this.collective(() => this.runtime.reduce(flags, 'max'));
    const first = proposing.findIndex((flag) => flag > 0);
    if (first < 0) return undefined;
    const mine = first === this.rank ? new TextEncoder().encode(proposal) : new Uint8Array(0);
    const length = await this.collective(() =>
      this.runtime.reduce(Float32Array.of(mine.length), 'max'),
    );
    const bytes = new Float32Array(length[0] ?? 0);
    bytes.set(mine);
    const text = await this.collective(() => this.runtime.reduce(bytes, 'sum'));
    return new TextDecoder().decode(Uint8Array.from(text));
  }

  close(): Promise<void> {
    // TensorFlow cannot disable collectives in a context (nor stop its server); the group only
    // refuses later calls, and the server ends with the process.
    this.closed = true;
    this.runtime.dispose();
    return Promise.resolve();
  }

  private openRuntime(): CollectiveRuntime {
    if (this.closed) throw new ReplicaError('the replica group is closed');
    return this.runtime;
  }

  private collective(reduce: () => Float32Array): Promise<Float32Array> {
    if (this.closed) return Promise.reject(new ReplicaError('the replica group is closed'));
    try {
      return Promise.resolve(reduce());
    } catch (error) {
      return Promise.reject(
        this.diagnose(error instanceof Error ? error : new Error(String(error))),
      );
    }
  }

  /**
   * A failed collective says only that the ring broke (a closed connection, a timeout): ask
   * each other worker for its health to name the one that is gone, and abort this worker's
   * collectives so nothing later waits for it again.
   */
  private diagnose(error: Error): ReplicaError {
    const gone = Array.from({ length: this.worldSize }, (_, task) => task).flatMap((task) => {
      if (task === this.rank) return [];
      const problem = this.runtime.peerProblem(task, HEALTH_CHECK_MS);
      if (problem === undefined) return [];
      const address = this.runtime.cluster.workers[task];
      return [
        { task, words: `worker ${task} (${address}) stopped answering: ${firstLine(problem)}` },
      ];
    });
    const message =
      gone.length === 0
        ? `${error.message}; every other worker still answers, so one is slower than the ` +
          'timeout or runs another configuration'
        : `${gone.map((worker) => worker.words).join('; ')}; ${error.message}`;
    this.runtime.abort(message);
    return new ReplicaError(message, gone[0]?.task);
  }
}

/** How long a worker has to answer a health check once a collective failed. */
const HEALTH_CHECK_MS = 2000;

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
