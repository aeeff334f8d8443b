import * as tf from '../../core/backend/tf.js';
import type { InGraphMean } from '../../core/distributed/in-graph-mean.js';
import type { ComputedUpdate } from '../update/computed-update.js';
import { updateTensors, withUpdateTensors } from './update-tensors.js';

/**
 * Averages an update across replicas with one op a compiled update holds: its tensors, in
 * `updateTensors`' order (the one `reduceUpdate` sends), are packed into one vector, reduced by
 * the group's CollectiveReduceV2 and unpacked.
 *
 * @param mean - the group's in-graph mean.
 * @param instanceKey - this call's key (an int32 scalar, an argument of the function).
 * @param computed - this replica's update; inside a `tidy`, its tensors are left to it.
 * @returns the averaged update, identical on every replica.
 */
export function reduceInGraph(
  mean: InGraphMean,
  instanceKey: tf.Tensor,
  computed: ComputedUpdate,
): ComputedUpdate {
  const tensors = updateTensors(computed);
  const present = tensors.filter((tensor): tensor is tf.Tensor => tensor !== null);
  const reduced = mean.mean(
    tf.concat(present.map((tensor) => tensor.reshape([-1]).toFloat())),
    instanceKey,
  );
  let offset = 0;
  const unpack = (like: tf.Tensor): tf.Tensor => {
    const part = tf.slice(reduced, offset, like.size).reshape(like.shape);
    offset += like.size;
    return part;
  };
  return withUpdateTensors(
    computed,
    tensors.map((tensor) => (tensor === null ? null : unpack(tensor))),
  );
}
