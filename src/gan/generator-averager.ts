import type * as tf from '../core/backend/tf.js';

/**
 * The moving average of the generator's weights (`ExponentialMovingAverage.apply`), as the
 * update, the hooks' context, run state and export see it. A type of its own so that none of
 * them has to import the others to name it.
 */
export interface GeneratorAverager {
  apply(variables: tf.Variable[]): void;
  /** The variable's average (its shadow), once `apply` has seen it. */
  average(variable: tf.Variable): tf.Variable | undefined;
}
