import type * as tf from '../../core/backend/tf.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import { allReduceGradients } from '../../core/distributed/synchronize-tensors.js';
import { disposeUpdate, type ComputedUpdate } from '../update/computed-update.js';
import { updateTensors, withUpdateTensors } from './update-tensors.js';

/**
 * Averages an update across replicas: the loss, every metric and every gradient travel in one
 * buffer, so the reported loss is the global batch's mean at no extra round trip. With equal
 * shards, the mean of the shards' mean losses is the global mean loss, and likewise for the
 * gradients, so every replica then applies the update one process would have applied.
 *
 * @param group - the replicas.
 * @param computed - this replica's update; its tensors are disposed.
 * @returns the averaged update, identical on every replica.
 */
export async function reduceUpdate(
  group: ReplicaGroup,
  computed: ComputedUpdate,
): Promise<ComputedUpdate> {
  const packed = updateTensors(computed).map((tensor): [tf.Tensor | null, number] => [tensor, 0]);
  let reduced: (tf.Tensor | null)[];
  try {
    reduced = (await allReduceGradients(group, packed)).map(([tensor]) => tensor);
  } catch (error) {
    disposeUpdate(computed);
    throw error;
  }
  return withUpdateTensors(computed, reduced);
}
