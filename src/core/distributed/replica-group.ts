import type { InGraphMean } from './in-graph-mean.js';

/**
 * The replicas of one synchronous data-parallel run, as seen from one of them. Every collective
 * call must be made by every replica in the same order (like MPI or NCCL collectives); each
 * returns the same result on every replica.
 */
export interface ReplicaGroup {
  /** This replica's index, 0 for the chief. */
  readonly rank: number;
  /** Number of replicas. */
  readonly worldSize: number;
  /** Whether this replica writes checkpoints, summaries and progress (rank 0). */
  readonly isChief: boolean;
  /**
   * Averages equally long buffers across replicas, element by element, summing in rank order so
   * the result is deterministic.
   *
   * @param values - this replica's values; not modified, but they may still be on their way to
   *   the other replicas when the call resolves, so do not change them afterwards either.
   * @returns the mean over replicas; read-only for the same reason (the chief sends it on).
   */
  allReduceMean(values: Float32Array): Promise<Float32Array>;
  /**
   * @param values - the chief's values (other replicas pass a buffer of the same length).
   * @returns the chief's values on every replica.
   */
  broadcast(values: Float32Array): Promise<Float32Array>;
  /**
   * Agrees on a decision every replica must take in the same iteration (stop, and why).
   *
   * @param proposal - this replica's proposal, or `undefined` for none.
   * @returns the lowest-ranked replica's proposal, or `undefined` when no replica proposed.
   */
  agree(proposal: string | undefined): Promise<string | undefined>;
  /** Closes connections; collectives after this reject. */
  close(): Promise<void>;
  /**
   * The mean as an op a compiled update can hold, where the group's transport is TensorFlow's
   * collective runtime; absent for groups that reduce host buffers (the TCP star).
   */
  readonly inGraphMean?: InGraphMean;
}

/** The group of a run that is not distributed: every collective returns its own input. */
export class SingleReplicaGroup implements ReplicaGroup {
  readonly rank = 0;
  readonly worldSize = 1;
  readonly isChief = true;

  allReduceMean(values: Float32Array): Promise<Float32Array> {
    return Promise.resolve(values);
  }

  broadcast(values: Float32Array): Promise<Float32Array> {
    return Promise.resolve(values);
  }

  agree(proposal: string | undefined): Promise<string | undefined> {
    return Promise.resolve(proposal);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
