import type * as tf from '../backend/tf.js';
import type { ReplicaError } from './replica-error.js';

/**
 * A replica group's mean as a TensorFlow op, for groups whose transport is TensorFlow's own
 * collective runtime: a compiled update holds the reduction between its gradients and its
 * optimizer step, so TensorFlow's executor overlaps the ring with the rest of the step. The
 * op's instance key is a tensor (an argument of the function, new each call); every replica
 * reserves keys in the same order, its eager collectives included.
 */
export interface InGraphMean {
  /**
   * Reserves the key of the next collective, which every replica must then make.
   *
   * @returns the instance key, shared with the group's eager collectives.
   */
  nextInstanceKey(): number;
  /**
   * The mean across replicas of a float32 vector, as one op (CollectiveReduceV2).
   *
   * @param values - this replica's values; every replica passes as many.
   * @param instanceKey - an int32 scalar holding a key from {@link nextInstanceKey}.
   * @returns the mean, the same bits on every replica.
   */
  mean(values: tf.Tensor, instanceKey: tf.Tensor): tf.Tensor;
  /**
   * What a failed call of a function holding {@link mean} becomes: the group names the workers
   * that stopped answering and aborts its later collectives, as for an eager one.
   *
   * @param error - what the call threw.
   * @param instanceKey - the call's key.
   * @returns the error to throw.
   */
  failure(error: unknown, instanceKey: number): ReplicaError;
}
