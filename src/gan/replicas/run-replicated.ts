import {
  launchLocalReplicas,
  type LaunchLocalReplicasOptions,
  type LaunchResult,
} from '../../core/distributed/launch-local-replicas.js';
import {
  joinReplicaGroup,
  readReplicaEnvironment,
} from '../../core/distributed/replica-environment.js';
import { SingleReplicaGroup, type ReplicaGroup } from '../../core/distributed/replica-group.js';
import { parseTfConfig } from '../../core/distributed/tensorflow/cluster-spec.js';
import { joinTensorflowCluster } from '../../core/distributed/tensorflow/tensorflow-replica-group.js';
import { initBackend } from '../../core/backend/init-backend.js';
import { silentLogger } from '../../core/logger.js';

/** Options of {@link runReplicated}. */
export interface RunReplicatedOptions {
  /** Replica processes to fork when this process is not already a replica. Default 1. */
  replicas?: number;
  /** GPU ids, one per replica (`--devices 0,1`); each replica sees only its own. */
  devices?: readonly string[];
  /**
   * How long a collective waits for a silent replica before the run fails, on gantry's group and
   * on TensorFlow's runtime alike (whose workers also wait this long for each other at start).
   * Default 300 s.
   */
  timeoutMs?: number;
  /** The environment to read `RANK`, `WORLD_SIZE`, ... from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** How to fork the replicas (default: this process's own command line). */
  launch?: Omit<LaunchLocalReplicasOptions, 'replicas' | 'devices'>;
}

/** What {@link runReplicated} did in this process. */
export type ReplicatedRun<T> =
  | { readonly role: 'replica'; readonly rank: number; readonly result: T }
  | { readonly role: 'launcher'; readonly launch: LaunchResult };

/**
 * The entry point of a data-parallel training script (and of `gantry train --replicas R`). In a
 * process started as a replica (`WORLD_SIZE` set, by {@link launchLocalReplicas}, torchrun,
 * Slurm or by hand on several machines) it joins the group and runs `main` with it; with
 * `TF_CONFIG` set it is a TensorFlow worker instead, on the tensorflow backend, and its group is
 * TensorFlow's collective runtime (`joinTensorflowCluster`). Otherwise,
 * asked for more than one replica (or for devices), it becomes the launcher: it starts this
 * same command once per replica and waits, failing with the error of the first replica that
 * crashes or hangs. Otherwise it runs `main` alone. Pass the group on as
 * `createTrainer({ ...config, replicaGroup: group })`.
 *
 * @example
 * ```ts
 * const outcome = await runReplicated({ replicas: 2 }, async (group) => {
 *   const trainer = createTrainer({ ...config, replicaGroup: group });
 *   return trainer.run();
 * });
 * if (outcome.role === 'replica' && outcome.result.reason === 'error') process.exitCode = 1;
 * ```
 * @param options - how many replicas, on which devices, how patient.
 * @param main - the training, given this process's group.
 * @returns `main`'s result in a replica, or the launch's exit codes in the launcher.
 * @throws ReplicaError naming the replica that crashed or stopped answering, with its stderr tail.
 */
export async function runReplicated<T>(
  options: RunReplicatedOptions,
  main: (group: ReplicaGroup) => Promise<T>,
): Promise<ReplicatedRun<T>> {
  const env = options.env ?? process.env;
  const tfConfig = env['TF_CONFIG'];
  const environment = readReplicaEnvironment(options.env);
  const replicas = options.replicas ?? 1;
  if (
    environment === undefined &&
    tfConfig === undefined &&
    (replicas > 1 || options.devices !== undefined)
  ) {
    const launch = await launchLocalReplicas({
      ...options.launch,
      replicas,
      ...(options.devices === undefined ? {} : { devices: options.devices }),
    });
    return { role: 'launcher', launch };
  }
  const group =
    tfConfig !== undefined
      ? await joinTensorflowWorkers(tfConfig, options.timeoutMs)
      : environment === undefined
        ? new SingleReplicaGroup()
        : await joinReplicaGroup({
            ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
            ...(options.env === undefined ? {} : { env: options.env }),
          });
  try {
    return { role: 'replica', rank: group.rank, result: await main(group) };
  } finally {
    await group.close();
  }
}

/**
 * A process with `TF_CONFIG` is a TensorFlow worker: its collectives run in TensorFlow's
 * runtime, which lives in the tensorflow backend's eager context, so that backend starts first
 * (the training's own `initBackend` then finds it active).
 */
async function joinTensorflowWorkers(
  tfConfig: string,
  timeoutMs: number | undefined,
): Promise<ReplicaGroup> {
  const cluster = parseTfConfig(tfConfig);
  await initBackend({ backend: 'tensorflow', logger: silentLogger });
  return joinTensorflowCluster(cluster, { timeoutSeconds: (timeoutMs ?? 300_000) / 1000 });
}
