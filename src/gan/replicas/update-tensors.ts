import type * as tf from '../../core/backend/tf.js';
import type { ComputedUpdate } from '../update/computed-update.js';

/**
 * The tensors of an update in the order replicas reduce them: the loss, the metrics sorted by
 * name (so replicas whose losses built them in another order still line up), then each
 * variable's gradient (`null` where a variable has none). Eager (`reduceUpdate`) and compiled
 * (`reduceInGraph`) replicas both pack this order, so they reduce the same buffer.
 *
 * @param computed - the update.
 * @returns its tensors, in reduction order.
 */
export function updateTensors(computed: ComputedUpdate): (tf.Tensor | null)[] {
  return [
    computed.loss,
    ...metricNames(computed).map((name) => computed.metrics[name]!),
    ...computed.gradsAndVars.map(([grad]) => grad),
  ];
}

/**
 * The update for the same step and variables whose tensors are `reduced`, given in
 * {@link updateTensors}' order.
 *
 * @param computed - the update the tensors were taken from.
 * @param reduced - one tensor (or `null`, where the gradient was) per entry of that order.
 * @returns the reduced update.
 */
export function withUpdateTensors(
  computed: ComputedUpdate,
  reduced: readonly (tf.Tensor | null)[],
): ComputedUpdate {
  const names = metricNames(computed);
  const offset = 1 + names.length;
  return {
    step: computed.step,
    loss: reduced[0]!,
    metrics: Object.fromEntries(names.map((name, i) => [name, reduced[1 + i]!])),
    gradsAndVars: computed.gradsAndVars.map(([, variable], i) => [
      reduced[offset + i] ?? null,
      variable,
    ]),
  };
}

function metricNames(computed: ComputedUpdate): string[] {
  return Object.keys(computed.metrics).sort();
}
