/**
 * An optimizer, global step or gradient computation was given something it cannot use: an
 * invalid hyperparameter, a gradient whose shape differs from its variable's, a loss that
 * reaches no variable. The message names the argument or variable and says what to do.
 */
export class OptimizerError extends Error {
  override readonly name = 'OptimizerError';
}
