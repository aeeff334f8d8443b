import { ReplicaError } from './replica-error.js';
import type { ReplicaGroup } from './replica-group.js';
import { SingleReplicaGroup } from './replica-group.js';
import { TcpReplicaGroup } from './tcp-replica-group.js';

/** A replica's place in a run, as torchrun, Slurm and Kubernetes jobs set it in the environment. */
export interface ReplicaEnvironment {
  rank: number;
  worldSize: number;
  masterAddress: string;
  masterPort: number;
}

/**
 * Reads `RANK`, `WORLD_SIZE`, `MASTER_ADDR` and `MASTER_PORT`.
 *
 * @param env - the environment to read; default `process.env`.
 * @returns the replica's place, or `undefined` when `WORLD_SIZE` is unset (not distributed).
 * @throws ReplicaError naming the variable that is missing or malformed.
 */
export function readReplicaEnvironment(
  env: NodeJS.ProcessEnv = process.env,
): ReplicaEnvironment | undefined {
  if (env['WORLD_SIZE'] === undefined) return undefined;
  const integer = (name: string, min: number): number => {
    const text = env[name];
    const value = Number(text);
    if (text === undefined || text.trim() === '' || !Number.isInteger(value) || value < min) {
      throw new ReplicaError(
        `environment variable ${name} must be an integer ≥ ${min} when WORLD_SIZE is set, ` +
          `got ${text === undefined ? 'nothing' : JSON.stringify(text)}`,
      );
    }
    return value;
  };
  const worldSize = integer('WORLD_SIZE', 1);
  const rank = integer('RANK', 0);
  if (rank >= worldSize) {
    throw new ReplicaError(`RANK ${rank} is not below WORLD_SIZE ${worldSize}`);
  }
  return {
    rank,
    worldSize,
    masterAddress: env['MASTER_ADDR'] ?? '127.0.0.1',
    masterPort: worldSize > 1 ? integer('MASTER_PORT', 1) : 0,
  };
}

/**
 * Joins the run the environment describes, or returns a single-replica group when it describes
 * none.
 *
 * @param options - `timeoutMs` for collectives; `env` to read instead of `process.env`.
 * @returns the group this process belongs to.
 */
export async function joinReplicaGroup(
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<ReplicaGroup> {
  const environment = readReplicaEnvironment(options.env);
  if (environment === undefined || environment.worldSize === 1) return new SingleReplicaGroup();
  return TcpReplicaGroup.connect({
    rank: environment.rank,
    worldSize: environment.worldSize,
    host: environment.masterAddress,
    port: environment.masterPort,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
  });
}
