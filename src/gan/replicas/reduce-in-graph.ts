import * as tf from '../../core/backend/tf.js';
import type { InGraphMean } from '../../core/distributed/in-graph-mean.js';
import type { ComputedUpdate } from '../update/computed-update.js';

/**
 * Averages an update across replicas with one op a compiled update holds: the loss, every
 * metric (sorted by name) and every gradient are packed into one vector, reduced by the group's
 * CollectiveReduceV2 and unpacked. The packing is `reduceUpdate`'s, element for element, so a
 * compiled replica reduces the same buffer an eager one sends.
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
  const names = Object.keys(computed.metrics).sort();
  const packed = [
    computed.loss,
    ...names.map((name) => computed.metrics[name]!),
    ...computed.gradsAndVars.flatMap(([grad]) => (grad === null ? [] : [grad])),
  ];
  const reduced = mean.mean(
    tf.concat(packed.map((tensor) => tensor.reshape([-1]).toFloat())),
    instanceKey,
  );
  let offset = 0;
  const unpack = (like: tf.Tensor): tf.Tensor => {
    const part = tf.slice(reduced, offset, like.size).reshape(like.shape);
    offset += like.size;
    return part;
  };
  const loss = unpack(computed.loss);
  const metrics = Object.fromEntries(names.map((name) => [name, unpack(computed.metrics[name]!)]));
  return {
    step: computed.step,
    loss,
    metrics,
    gradsAndVars: computed.gradsAndVars.map(([grad, variable]) => [
      grad === null ? null : unpack(grad),
      variable,
    ]),
  };
}
