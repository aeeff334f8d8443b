import * as tf from '../../core/backend/tf.js';
import type { InGraphMean } from '../../core/distributed/in-graph-mean.js';
import type { BatchShard } from '../losses/gan-loss.js';

/** What a compiled update of one replica adds: its rows of the global batch and the group's mean. */
export interface ReplicaShare {
  readonly shard: BatchShard;
  /** The group's in-graph mean; absent when its transport cannot run inside a function. */
  readonly mean: InGraphMean | undefined;
}

/** Why a replica's update cannot be compiled when its group has no in-graph mean. */
export const NO_IN_GRAPH_MEAN =
  "the replicas reduce through gantry's TCP group, not TensorFlow's collectives (TF_CONFIG)";

/**
 * Runs a compiled call with the next instance key of the replicas' collective as its argument
 * (an int32 scalar; none without replicas), and turns a failure of the call into the group's
 * diagnosis: the workers that stopped answering are named and later collectives aborted.
 *
 * @param mean - the group's in-graph mean, or `undefined` alone.
 * @param call - the call, given the key's tensor (or none) to pass to the function.
 * @returns what the call returns.
 * @throws ReplicaError from the group when the call fails.
 */
export function withInstanceKey<T>(
  mean: InGraphMean | undefined,
  call: (instanceKey: tf.Tensor[]) => T,
): T {
  if (mean === undefined) return call([]);
  const instance = mean.nextInstanceKey();
  const key = tf.scalar(instance, 'int32');
  try {
    return call([key]);
  } catch (error) {
    throw mean.failure(error, instance);
  } finally {
    key.dispose();
  }
}
