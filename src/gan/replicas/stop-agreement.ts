import type { ReplicaGroup } from '../../core/distributed/replica-group.js';

/** What one replica proposes at an iteration boundary: stop, and why. */
export interface StopProposal {
  readonly reason: string;
  /** Whether hooks should still save a final checkpoint. */
  readonly saveCheckpoint: boolean;
  /** Set when the replica is stopping because something failed there (a hook's error). */
  readonly failure?: string;
}

/** The proposal every replica adopts, and which replica made it. */
export interface StopDecision extends StopProposal {
  readonly rank: number;
}

/**
 * Agrees at an iteration boundary on whether the run stops: every replica brings its own
 * proposal (a stop request, a SIGINT, a NaN guard, a failed hook) and all adopt the
 * lowest-ranked replica's, so every replica leaves the loop after the same iteration.
 *
 * @param group - the replicas.
 * @param proposal - this replica's proposal, or `undefined` to go on.
 * @returns the decision, or `undefined` when no replica wants to stop.
 */
export async function agreeOnStop(
  group: ReplicaGroup,
  proposal: StopProposal | undefined,
): Promise<StopDecision | undefined> {
  const mine =
    proposal === undefined ? undefined : JSON.stringify({ ...proposal, rank: group.rank });
  const agreed = await group.agree(mine);
  return agreed === undefined ? undefined : (JSON.parse(agreed) as StopDecision);
}
