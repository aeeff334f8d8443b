import type * as tf from '../../core/backend/tf.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import { allReduceGradients } from '../../core/distributed/synchronize-tensors.js';
import { disposeUpdate, type ComputedUpdate } from '../update/computed-update.js';

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
  // Sorted, so replicas whose losses built the metrics in another order still line up.
  const names = Object.keys(computed.metrics).sort();
  const grads = computed.gradsAndVars.map(([grad]) => grad);
  const packed: [tf.Tensor | null, number][] = [
    [computed.loss, 0],
    ...names.map((name): [tf.Tensor, number] => [computed.metrics[name]!, 0]),
    ...grads.map((grad): [tf.Tensor | null, number] => [grad, 0]),
  ];
  let reduced: (tf.Tensor | null)[];
  try {
    reduced = (await allReduceGradients(group, packed)).map(([tensor]) => tensor);
  } catch (error) {
    disposeUpdate(computed);
    throw error;
  }
  const metrics = Object.fromEntries(names.map((name, i) => [name, reduced[1 + i]!]));
  const offset = 1 + names.length;
  return {
    step: computed.step,
    loss: reduced[0]!,
    metrics,
    gradsAndVars: computed.gradsAndVars.map(([, variable], i) => [
      reduced[offset + i] ?? null,
      variable,
    ]),
  };
}
