import type * as tf from '../../core/backend/tf.js';
import type { JsonValue } from '../../core/checkpoint/checkpointable.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import { broadcastVariables } from '../../core/distributed/synchronize-tensors.js';

/** State kept as JSON (a global step, a dataset's position, the noise sampler's draws). */
export interface ReplicatedState {
  readonly checkpointName: string;
  stateDict(): JsonValue;
  loadStateDict(state: JsonValue): void;
}

/**
 * Makes every replica start where the chief starts: its variables (weights and optimizer slots)
 * are broadcast, and its JSON state (global steps, data position, noise draws) is adopted. Run
 * at the start of training, after any restore, so a resumed run continues from the chief's
 * checkpoint whatever the others loaded.
 *
 * @param group - the replicas.
 * @param variables - every variable the update touches, in the same order on each replica.
 * @param states - the JSON state to copy, keyed by `checkpointName`.
 */
export async function synchronizeReplicaState(
  group: ReplicaGroup,
  variables: readonly tf.Variable[],
  states: readonly ReplicatedState[],
): Promise<void> {
  await broadcastVariables(group, variables);
  const chiefs = await group.agree(
    group.isChief
      ? JSON.stringify(Object.fromEntries(states.map((s) => [s.checkpointName, s.stateDict()])))
      : undefined,
  );
  if (group.isChief || chiefs === undefined) return;
  const parsed = JSON.parse(chiefs) as Record<string, JsonValue>;
  for (const state of states) {
    const value = parsed[state.checkpointName];
    if (value !== undefined) state.loadStateDict(value);
  }
}
