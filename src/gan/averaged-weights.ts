import * as tf from '../core/backend/tf.js';
import type { GanModel } from './gan-model.js';
import type { GeneratorAverager } from './generator-averager.js';

/**
 * Runs `fn` while the model's variables hold their moving averages, then puts the trained
 * values back: how TensorFlow 1 evaluates with `ema.variables_to_restore()`, without a second
 * copy of the model. Variables without an average yet keep their values. Call it between
 * updates only (a hook's handler is), since the optimizer must never see the averages.
 *
 * @param model - the model whose variables to swap.
 * @param average - the moving average; `undefined` runs `fn` on the trained weights.
 * @param fn - what to compute with the averaged weights; its result must not alias a variable.
 * @returns what `fn` returned.
 */
export function withAveragedWeights<T>(
  model: GanModel,
  average: GeneratorAverager | undefined,
  fn: () => T,
): T {
  const swaps = model.trainableVariables.flatMap((variable) => {
    const shadow = average?.average(variable);
    // The clone shares the trained buffer and keeps it alive while the variable holds the shadow.
    return shadow === undefined ? [] : [{ variable, shadow, trained: tf.clone(variable) }];
  });
  try {
    for (const { variable, shadow } of swaps) variable.assign(shadow);
    return fn();
  } finally {
    for (const { variable, trained } of swaps) {
      variable.assign(trained);
      trained.dispose();
    }
  }
}
