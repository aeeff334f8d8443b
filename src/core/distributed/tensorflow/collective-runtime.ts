import * as tf from '../../backend/tf.js';
import { ReplicaError } from '../replica-error.js';
import type { ClusterSpec } from './cluster-spec.js';
import { encodeServerDef } from './server-def.js';

/** An op attribute as tfjs-node's `executeOp` takes it. */
interface OpAttr {
  name: string;
  type: number;
  value: boolean | number | string | number[];
}

/** What gantry uses of tfjs-node's binding, with the extensions `gantry setup tensorflow` adds. */
interface ExtendedBinding {
  TF_FLOAT: number;
  TF_ATTR_STRING: number;
  TF_ATTR_INT: number;
  TF_ATTR_FLOAT: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_TYPE: number;
  gantryExtensionsVersion?: number;
  enableCollectiveOps(serverDef: Uint8Array): void;
  abortCollectiveOps(message: string): void;
  checkCollectivePeerHealth(task: string, timeoutMs: number): void;
}

/** tfjs-node's backend, the part that runs an op by name. */
interface NativeBackend {
  binding: ExtendedBinding;
  isUsingGpuDevice?: boolean;
  executeSingleOutput(name: string, attrs: OpAttr[], inputs: tf.Tensor[]): tf.Tensor;
}

/** How a reduction combines the workers' values: TensorFlow's `merge_op` and `final_op`. */
export type Reduction = 'mean' | 'sum' | 'max';

/** The one group every worker belongs to. */
const GROUP_KEY = 1;

const MERGE: Record<Reduction, [string, string]> = {
  mean: ['Add', 'Div'],
  sum: ['Add', 'Id'],
  max: ['Max', 'Id'],
};

/**
 * This process's handle on TensorFlow's collective runtime (the engine behind
 * MultiWorkerMirroredStrategy): the gRPC server of its task, and CollectiveReduceV2 over the
 * whole cluster: the ring all-reduce between CPUs, NCCL between GPUs (`communication_hint`).
 * Every reduction must be made by every worker in the same order: its instance key is a
 * counter, the same on every worker for the same call.
 */
export class CollectiveRuntime {
  private nextInstance = 1;
  private groupTensors: [tf.Tensor, tf.Tensor] | undefined;
  private disposed = false;
  // NCCL between GPUs, the ring over gRPC between CPUs.
  private readonly hint: 'nccl' | 'ring';

  private constructor(
    private readonly backend: NativeBackend,
    readonly cluster: ClusterSpec,
    private readonly timeoutSeconds: number,
  ) {
    this.hint = backend.isUsingGpuDevice === true ? 'nccl' : 'ring';
  }

  /**
   * Starts this task's server and enables collectives in TensorFlow's eager context. Needs the
   * `tensorflow` backend active, built by `gantry setup tensorflow` (which adds the calls).
   *
   * @param cluster - the workers and this task's index.
   * @param options - how long one collective may wait for the others before it fails.
   * @returns the runtime.
   * @throws ReplicaError when the backend or its binding cannot, or TensorFlow refuses.
   */
  static start(cluster: ClusterSpec, options: { timeoutSeconds: number }): CollectiveRuntime {
    if (tf.getBackend() !== 'tensorflow') {
      throw new ReplicaError(
        `TensorFlow's collectives need the tensorflow backend, but ${tf.getBackend()} is active`,
      );
    }
    const backend = tf.backend() as unknown as NativeBackend;
    if (backend.binding.gantryExtensionsVersion === undefined) {
      throw new ReplicaError(
        "this tfjs-node binding lacks gantry's extensions (TensorFlow's collective runtime); " +
          'rebuild it with `npx gantry setup tensorflow`',
      );
    }
    try {
      backend.binding.enableCollectiveOps(encodeServerDef(cluster));
    } catch (error) {
      throw new ReplicaError(
        `worker ${cluster.taskIndex} (${cluster.workers[cluster.taskIndex]}) could not join the ` +
          `cluster: ${(error as Error).message}`,
        cluster.taskIndex,
      );
    }
    return new CollectiveRuntime(backend, cluster, options.timeoutSeconds);
  }

  /**
   * Reduces a float32 vector across every worker (CollectiveReduceV2).
   *
   * @param values - this worker's values; every worker passes as many.
   * @param reduction - mean, sum or max.
   * @returns the reduced values, the same bits on every worker.
   * @throws ReplicaError naming the timeout when a worker does not take part in time.
   */
  reduce(values: Float32Array, reduction: Reduction): Float32Array {
    const instance = this.nextInstanceKey();
    const data = tf.tensor1d(values, 'float32');
    const instanceKey = tf.scalar(instance, 'int32');
    let reduced: tf.Tensor | undefined;
    try {
      reduced = this.reduceOp(data, instanceKey, reduction, this.groupInputs());
      return reduced.dataSync() as Float32Array;
    } catch (error) {
      throw this.failure(error, `collective ${instance} of ${values.length} floats`);
    } finally {
      tf.dispose([data, instanceKey, ...(reduced === undefined ? [] : [reduced])]);
    }
  }

  /**
   * Reserves the instance key of the next reduction. Eager reductions and those inside compiled
   * functions draw from this one counter, so every worker keys the same call alike however it
   * runs.
   *
   * @returns the key.
   */
  nextInstanceKey(): number {
    return this.nextInstance++;
  }

  /**
   * The mean of a float32 tensor across every worker, as one CollectiveReduceV2 op whose
   * instance key is a tensor: inside a traced function the key is an argument, new each call,
   * and the group's size and key, made here as scalars, become the function's constants.
   *
   * @param values - this worker's values (a vector); every worker passes as many.
   * @param instanceKey - an int32 scalar from {@link nextInstanceKey}.
   * @returns the mean, a new tensor.
   */
  meanOp(values: tf.Tensor, instanceKey: tf.Tensor): tf.Tensor {
    if (this.disposed) throw new ReplicaError('the collective runtime is disposed');
    const group = this.groupScalars();
    try {
      return this.reduceOp(values, instanceKey, 'mean', group);
    } finally {
      tf.dispose(group);
    }
  }

  /**
   * The error a failed reduction becomes, with TensorFlow's reason.
   *
   * @param error - what the binding threw.
   * @param what - the reduction, e.g. `collective 7 of 12 floats`.
   * @returns a ReplicaError naming this worker, the reduction and the timeout.
   */
  failure(error: unknown, what: string): ReplicaError {
    const cause = error instanceof Error ? error : new Error(String(error));
    return new ReplicaError(
      `worker ${this.cluster.taskIndex}: ${what} failed (timeout ${this.timeoutSeconds} s): ` +
        describeFailure(cause),
    );
  }

  private reduceOp(
    data: tf.Tensor,
    instanceKey: tf.Tensor,
    reduction: Reduction,
    [groupSize, groupKey]: [tf.Tensor, tf.Tensor],
  ): tf.Tensor {
    const { binding } = this.backend;
    const [mergeOp, finalOp] = MERGE[reduction];
    const attrs: OpAttr[] = [
      { name: 'T', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT },
      { name: 'merge_op', type: binding.TF_ATTR_STRING, value: mergeOp },
      { name: 'final_op', type: binding.TF_ATTR_STRING, value: finalOp },
      { name: 'communication_hint', type: binding.TF_ATTR_STRING, value: this.hint },
      { name: 'timeout_seconds', type: binding.TF_ATTR_FLOAT, value: this.timeoutSeconds },
      { name: 'is_stateless', type: binding.TF_ATTR_BOOL, value: false },
      // One reduction per function: nothing to order it against, so no ordering token.
      { name: 'Nordering_token', type: binding.TF_ATTR_INT, value: 0 },
      { name: 'max_subdivs_per_device', type: binding.TF_ATTR_INT, value: -1 },
    ];
    return this.backend.executeSingleOutput('CollectiveReduceV2', attrs, [
      data,
      groupSize,
      groupKey,
      instanceKey,
    ]);
  }

  /** Releases the tensors every reduction shares; reductions after this fail. */
  dispose(): void {
    tf.dispose(this.groupTensors ?? []);
    this.groupTensors = undefined;
    this.disposed = true;
  }

  /**
   * The group's size and key, the same in every reduction, made once: only the instance key
   * changes from one call to the next.
   */
  private groupInputs(): [tf.Tensor, tf.Tensor] {
    if (this.disposed) throw new ReplicaError('the collective runtime is disposed');
    if (this.groupTensors === undefined) {
      const [size, key] = this.groupScalars();
      this.groupTensors = [tf.keep(size), tf.keep(key)];
    }
    return this.groupTensors;
  }

  private groupScalars(): [tf.Tensor, tf.Tensor] {
    return [tf.scalar(this.cluster.workers.length, 'int32'), tf.scalar(GROUP_KEY, 'int32')];
  }

  /**
   * Asks whether a worker answers, within a time limit (TFE_CollectiveOpsCheckPeerHealth).
   *
   * @param taskIndex - the worker to ask.
   * @param timeoutMs - how long to wait.
   * @returns why it is not healthy, or `undefined` when it answered.
   */
  peerProblem(taskIndex: number, timeoutMs: number): string | undefined {
    try {
      this.backend.binding.checkCollectivePeerHealth(
        `/job:worker/replica:0/task:${taskIndex}`,
        timeoutMs,
      );
      return undefined;
    } catch (error) {
      return (error as Error).message;
    }
  }

  /**
   * Fails every pending and later collective of this worker with `message`, so a worker that
   * found a dead peer stops instead of waiting.
   *
   * @param message - why.
   */
  abort(message: string): void {
    this.backend.binding.abortCollectiveOps(message);
  }
}

/** TensorFlow's status codes a failed collective reports (tensorflow/core/protobuf/error_codes.proto). */
const STATUS_CODES: Record<string, string> = {
  '1': 'CANCELLED',
  '4': 'DEADLINE_EXCEEDED (a worker did not take part within the timeout)',
  '10': 'ABORTED',
  '14': 'UNAVAILABLE (a worker closed its connection)',
};

/**
 * A failed op's message in one line. tfjs-node's binding throws `Invalid TF_Status: <code>` and,
 * on the next line, `Message: <TF_Message>`: the code is named here and the first line of
 * TensorFlow's own message follows it.
 */
function describeFailure(error: Error): string {
  const [line = '', ...rest] = error.message.split('\n');
  const code = /Invalid TF_Status: (\d+)/.exec(line)?.[1];
  if (code === undefined) return line;
  const status = `TensorFlow status ${STATUS_CODES[code] ?? code}`;
  const message = /^Message: (.+)/.exec(rest[0] ?? '')?.[1]?.trim();
  return message === undefined || message === '' ? status : `${status}: ${message}`;
}
