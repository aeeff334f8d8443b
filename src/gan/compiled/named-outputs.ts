import type { NamedTensors } from '../../core/backend/tensorflow-trace/index.js';
import type * as tf from '../../core/backend/tf.js';
import type { GanModel } from '../gan-model.js';

/** The prefix of a metric among a compiled update's outputs. */
export const METRIC = 'metric/';
/** The prefix of a gradient (by the variable's index) among a compiled update's outputs. */
export const GRADIENT = 'gradient/';

/**
 * The update's (clipped) gradients as the function returned them, for the gradient observers.
 * Unlike eager mode the observers see them after the critic's weight clipping, which ran inside
 * the function.
 *
 * @param model - the network the update trained.
 * @param result - the function's outputs.
 * @returns each returned gradient with its variable.
 */
export function gradientsOf(model: GanModel, result: NamedTensors): [tf.Tensor, tf.Variable][] {
  const gradsAndVars: [tf.Tensor, tf.Variable][] = [];
  model.trainableVariables.forEach((variable, i) => {
    const grad = result[`${GRADIENT}${i}`];
    if (grad !== undefined) gradsAndVars.push([grad, variable]);
  });
  return gradsAndVars;
}

/**
 * The step's metrics among the function's outputs.
 *
 * @param named - the function's outputs.
 * @returns the metrics, by their names without the prefix.
 */
export function metricsOf(named: NamedTensors): Record<string, tf.Tensor> {
  const metrics: Record<string, tf.Tensor> = {};
  for (const [name, tensor] of Object.entries(named))
    if (name.startsWith(METRIC)) metrics[name.slice(METRIC.length)] = tensor;
  return metrics;
}
