import * as tf from '../../backend/tf.js';

/**
 * A value to average that is not a variable (a loss, a batch statistic), named because a
 * tensor has no name and a new one arrives at every step.
 */
export interface NamedTensor {
  /** The name the average is kept under, e.g. `generator/loss`. */
  readonly name: string;
  /** This step's value. */
  readonly value: tf.Tensor;
}

/** What an `ExponentialMovingAverage` can average. */
export type Averageable = tf.Variable | NamedTensor;

/** The state kept for one averaged value. */
export interface Shadow {
  /** The moving average, named `<source name>/<EMA name>`. */
  readonly average: tf.Variable;
  /** The averaged variable; absent for a named tensor. */
  readonly source?: tf.Variable;
  /** With zero-debiasing (named tensors only): the biased average and its update count. */
  readonly debias?: { readonly biased: tf.Variable; readonly localStep: tf.Variable };
}

/**
 * The value an averageable has now.
 *
 * @param item - a variable or a named tensor.
 * @returns the tensor to average (the variable itself, or the named tensor's value).
 */
export function currentValue(item: Averageable): tf.Tensor {
  return item instanceof tf.Variable ? item : item.value;
}

/**
 * Creates the shadow of one averageable, as TensorFlow's `ExponentialMovingAverage.apply`
 * does on first sight: a variable's average starts at the variable's value; a tensor's starts
 * at zero (its value is not known when the graph is built), and only such a zero start is
 * debiased, with `<average>/biased` and `<average>/local_step` as in `_zero_debias`.
 *
 * @param item - the variable or named tensor.
 * @param averageName - the shadow's name.
 * @param zeroDebias - whether to debias a zero-started average.
 * @returns the new shadow; its variables are registered, not trainable.
 */
export function createShadow(item: Averageable, averageName: string, zeroDebias: boolean): Shadow {
  if (item instanceof tf.Variable) {
    return { average: tf.variable(item, false, averageName), source: item };
  }
  const zeros = (): tf.Tensor => tf.zerosLike(item.value);
  const average = tf.variable(zeros(), false, averageName);
  if (!zeroDebias) return { average };
  const biased = tf.variable(zeros(), false, `${averageName}/biased`);
  const localStep = tf.variable(tf.scalar(0), false, `${averageName}/local_step`);
  return { average, debias: { biased, localStep } };
}

/**
 * Moves a shadow towards `value`: `average -= (1 - decay) * (average - value)`, or with
 * zero-debiasing, the same on the biased copy, then `average = biased / (1 - decay^t)` after
 * `t` updates. Call inside `tf.tidy`.
 *
 * @param shadow - the state of one averaged value.
 * @param value - this step's value.
 * @param decay - this step's decay.
 */
export function updateShadow(shadow: Shadow, value: tf.Tensor, decay: number): void {
  const rate = 1 - decay;
  if (shadow.debias === undefined) {
    const { average } = shadow;
    average.assign(tf.sub(average, tf.mul(tf.sub(average, value), rate)));
    return;
  }
  const { biased, localStep } = shadow.debias;
  biased.assign(tf.sub(biased, tf.mul(tf.sub(biased, value), rate)));
  localStep.assign(tf.add(localStep, 1));
  const biasFactor = tf.sub(1, tf.pow(decay, localStep));
  shadow.average.assign(tf.div(biased, biasFactor));
}

/**
 * Lists the variables of one shadow, for saving and disposing.
 *
 * @param shadow - the state of one averaged value.
 * @returns every variable the shadow holds: the average, then any debias state.
 */
export function shadowVariables(shadow: Shadow): tf.Variable[] {
  const debias = shadow.debias === undefined ? [] : [shadow.debias.biased, shadow.debias.localStep];
  return [shadow.average, ...debias];
}
