import * as tf from '../backend/tf.js';
import { OptimizerError } from './optimizer-error.js';

/** A loss, or several losses whose gradients are summed (TensorFlow's `tf.gradients(ys, xs)`). */
export type LossFn = () => tf.Tensor | tf.Tensor[];

/** A gradient paired with its variable; the gradient is `null` where the loss does not reach it. */
export type GradAndVar = [grad: tf.Tensor | null, variable: tf.Variable];

/**
 * TensorFlow 1's `gate_gradients` values, accepted for compatibility. In eager execution every
 * gradient is computed before any is applied, which is what `GATE_GRAPH` guarantees in a graph;
 * the weaker gates cannot be observed, so all three behave the same.
 */
export type GateGradients = 'GATE_NONE' | 'GATE_OP' | 'GATE_GRAPH';

/** Options of {@link computeGradients}. */
export interface ComputeGradientsOptions {
  /** Accepted for compatibility with `tf.train`; see {@link GateGradients}. */
  gateGradients?: GateGradients;
}

/** The result of {@link computeGradients}; the caller disposes `loss` and every gradient. */
export interface GradientsAndLoss {
  /** The summed loss, a scalar. */
  loss: tf.Scalar;
  /** One entry per variable, in `varList` order. */
  gradsAndVars: GradAndVar[];
}

const GATES: readonly GateGradients[] = ['GATE_NONE', 'GATE_OP', 'GATE_GRAPH'];

/**
 * Computes the gradients of a loss with respect to variables, as TensorFlow 1's
 * `Optimizer.compute_gradients` does.
 *
 * A loss that is not a scalar is summed first, and several losses are added, so the gradients
 * are those of TensorFlow's `tf.gradients` over a list of `ys` (implicit all-ones `grad_ys`).
 * A variable the loss does not reach gets a `null` gradient. Every intermediate tensor is freed.
 *
 * @example
 * ```ts
 * const { loss, gradsAndVars } = computeGradients(() => criticLoss(real, fake), criticVars);
 * optimizer.applyGradients(gradsAndVars, { globalStep });
 * tf.dispose([loss, ...gradsAndVars.map(([g]) => g)]);
 * ```
 * @param lossFn - computes the loss (or losses) from the variables; runs once.
 * @param varList - the variables to differentiate; default every trainable variable.
 * @param options - see {@link ComputeGradientsOptions}.
 * @returns the summed loss and the gradient of each variable.
 * @throws OptimizerError when there are no variables or the loss reaches none of them.
 */
export function computeGradients(
  lossFn: LossFn,
  varList?: tf.Variable[],
  options: ComputeGradientsOptions = {},
): GradientsAndLoss {
  checkGate(options.gateGradients);
  const variables = varList ?? trainableVariables();
  if (variables.length === 0) {
    throw new OptimizerError(
      'computeGradients: there are no variables to differentiate; pass varList or create ' +
        'trainable variables before computing gradients',
    );
  }
  const { value, grads } = tf
    .engine()
    .gradients(() => sumLosses(lossFn()), variables, undefined, true);
  const gradsAndVars = variables.map((v, i): GradAndVar => [grads[i] ?? null, v]);
  if (gradsAndVars.every(([grad]) => grad === null)) {
    tf.dispose(value);
    throw new OptimizerError(
      `computeGradients: the loss reaches none of the variables ${describe(variables)}; compute ` +
        'it from them inside lossFn, and check that no stopGradient cuts them off',
    );
  }
  return { loss: value as tf.Scalar, gradsAndVars };
}

/**
 * Returns its input unchanged, with no gradient flowing back through it: TensorFlow's
 * `tf.stop_gradient`, which TensorFlow.js lacks. A critic step uses it on the generator's
 * output, so the critic's loss treats the fake batch as a constant. Variables reached only
 * through it get a `null` gradient, as in TensorFlow.
 *
 * @example
 * ```ts
 * const fake = stopGradient(generator.apply(z) as tf.Tensor);
 * ```
 * @param x - the tensor to detach.
 * @returns a new tensor with `x`'s values, disconnected from the gradient tape.
 */
export function stopGradient<T extends tf.Tensor>(x: T): T {
  // The op is recorded with no inputs, so the tape sees no path from `x` to what follows.
  const detached = tf.customGrad(() => ({ value: x.clone(), gradFunc: () => [] }));
  return detached() as T;
}

function sumLosses(losses: tf.Tensor | tf.Tensor[]): tf.Scalar {
  const list = Array.isArray(losses) ? losses : [losses];
  if (list.length === 0) {
    throw new OptimizerError(
      'computeGradients: lossFn returned an empty list; return at least one loss',
    );
  }
  const scalars = list.map((loss) => (loss.rank === 0 ? loss : tf.sum(loss)) as tf.Scalar);
  return scalars.length === 1 ? (scalars[0] as tf.Scalar) : tf.addN(scalars);
}

function trainableVariables(): tf.Variable[] {
  return Object.values(tf.engine().registeredVariables).filter((v) => v.trainable);
}

function checkGate(gate: GateGradients | undefined): void {
  if (gate !== undefined && !GATES.includes(gate)) {
    throw new OptimizerError(
      `computeGradients: gateGradients must be one of ${GATES.join(', ')}, got ${String(gate)}`,
    );
  }
}

function describe(variables: tf.Variable[]): string {
  const names = variables.slice(0, 5).map((v) => v.name);
  return `[${names.join(', ')}${variables.length > 5 ? ', …' : ''}]`;
}
