import { ReplicaError } from './replica-error.js';
import type { ReplicaGroup } from './replica-group.js';

/** One replica's configuration, flattened: `batchSize`, `optimizers.critic.learningRate`, ... */
export type ReplicaConfig = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Refuses to start replicas that would train different things. The chief sends its
 * configuration to every replica, each compares it with its own, and all agree on the first
 * difference the lowest-ranked mismatching replica found, so every replica, the chief
 * included, fails with the same message before any weights are exchanged. Its messages travel
 * through the group itself (on TensorFlow's runtime too), and whatever two configurations
 * hold, every replica makes the same collective calls, so a mismatch cannot leave one waiting.
 *
 * @example
 * ```ts
 * await agreeOnConfig(group, { batchSize: 64, seed: 0 });
 * // on replica 1, run with batchSize 32, every replica throws:
 * // ReplicaError: replica 1's batchSize 32 differs from the chief's 64 ...
 * ```
 * @param group - the replicas.
 * @param config - this replica's configuration.
 * @throws ReplicaError naming the replica, the key and both values, on every replica.
 */
export async function agreeOnConfig(group: ReplicaGroup, config: ReplicaConfig): Promise<void> {
  if (group.worldSize === 1) return;
  const chiefs = await group.agree(group.isChief ? JSON.stringify(config) : undefined);
  const difference =
    group.isChief || chiefs === undefined
      ? undefined
      : firstDifference(group.rank, config, JSON.parse(chiefs) as ReplicaConfig);
  const agreed = await group.agree(
    difference === undefined ? undefined : JSON.stringify({ rank: group.rank, difference }),
  );
  if (agreed === undefined) return;
  const { rank, difference: message } = JSON.parse(agreed) as { rank: number; difference: string };
  throw new ReplicaError(
    `refusing to train: ${message}; every replica must run the same configuration`,
    rank,
  );
}

/**
 * @returns the first key, in the chief's order then this replica's, whose values differ.
 */
function firstDifference(
  rank: number,
  mine: ReplicaConfig,
  chiefs: ReplicaConfig,
): string | undefined {
  const keys = new Set([...Object.keys(chiefs), ...Object.keys(mine)]);
  for (const key of keys) {
    const [theirs, ours] = [chiefs[key], mine[key]];
    if (theirs !== ours) {
      return `replica ${rank}'s ${key} ${render(ours)} differs from the chief's ${render(theirs)}`;
    }
  }
  return undefined;
}

function render(value: string | number | boolean | null | undefined): string {
  return value === undefined || value === null ? 'none' : String(value);
}
