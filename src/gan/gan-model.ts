import * as tf from '../core/backend/tf.js';

/**
 * A network the trainer drives: a forward function and the variables it trains. Any tfjs
 * `LayersModel` fits through {@link fromLayersModel}; a plain function plus its variables
 * through {@link fromFunction}.
 */
export interface GanModel {
  /** Used in messages; e.g. `generator`. */
  readonly name: string;
  /** The variables the optimizer updates. */
  readonly trainableVariables: readonly tf.Variable[];
  /**
   * Runs the network.
   *
   * @param input - a batch.
   * @param training - whether layers such as dropout and batch norm are in training mode.
   * @returns the output batch.
   */
  apply(input: tf.Tensor, training: boolean): tf.Tensor;
  /** Projects the weights back into their constraints (Keras `kernelConstraint`, ...). */
  applyConstraints(): void;
  /**
   * Every variable a checkpoint must hold — trainable and not (batch-norm statistics) — by its
   * canonical TensorFlow-style name, which stays the same in every process (tfjs-layers suffixes
   * a variable's `name` with `_1` when a second model with the same layer names is built, while
   * the layer weight's `originalName` stays clean). Default: `trainableVariables` by `name`.
   */
  readonly namedVariables?: Readonly<Record<string, tf.Variable>>;
  /** The tfjs model behind it, when there is one (what `exportGenerator` saves). */
  readonly layersModel?: tf.LayersModel;
  /**
   * Whether its variables' initial values came from seeded draws, when its maker says so
   * (`fromFunction`'s `seeded` option); for a `LayersModel` gantry reads it from the layers.
   */
  readonly seededInitialisation?: boolean;
}

/**
 * Adapts a tfjs `LayersModel`. Its variables keep the names tfjs gave them (e.g.
 * `dense_Dense1/kernel`); name the layers yourself (`tf.layers.dense({ name: 'critic/dense' })`)
 * to get TensorFlow-style paths in checkpoints. Layer weight constraints are applied after each
 * update, as `model.fit` does.
 *
 * @example
 * ```ts
 * const critic = fromLayersModel(tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] }), 'critic');
 * ```
 * @param model - the network.
 * @param name - what to call it in messages; default the model's name.
 * @returns the adapted model.
 */
export function fromLayersModel(model: tf.LayersModel, name = model.name): GanModel {
  const weights = model.trainableWeights;
  return {
    name,
    trainableVariables: weights.map((weight) => weight.read() as tf.Variable),
    namedVariables: Object.fromEntries(
      model.weights.map((weight) => [weight.originalName, weight.read() as tf.Variable]),
    ),
    layersModel: model,
    apply: (input, training) => model.apply(input, { training }) as tf.Tensor,
    applyConstraints: () => {
      for (const weight of weights) {
        const constraint = weight.constraint;
        if (constraint == null) continue;
        const projected = tf.tidy(() => constraint.apply(weight.read()));
        (weight.read() as tf.Variable).assign(projected);
        projected.dispose();
      }
    },
  };
}

/**
 * Adapts a plain function and the variables it reads.
 *
 * @example
 * ```ts
 * const w = tf.variable(tf.randomNormal([2, 1], 0, 0.5, 'float32', deriveSeed(seed, 'init', 'w')));
 * const critic = fromFunction('critic', (x) => tf.matMul(x, w), [w], { seeded: true });
 * ```
 * @param name - what to call it in messages.
 * @param fn - the forward pass; `training` may be ignored.
 * @param variables - the variables to train.
 * @param options - `seeded: true` when the variables' initial values came from seeded draws,
 *   which gantry cannot see for itself (otherwise the trainer says the run is not repeatable).
 * @returns the adapted model (with no constraints).
 */
export function fromFunction(
  name: string,
  fn: (input: tf.Tensor, training: boolean) => tf.Tensor,
  variables: readonly tf.Variable[],
  options: { seeded?: boolean } = {},
): GanModel {
  return {
    name,
    trainableVariables: variables,
    apply: fn,
    applyConstraints: () => undefined,
    ...(options.seeded === undefined ? {} : { seededInitialisation: options.seeded }),
  };
}

/**
 * Accepts either kind of model the config allows.
 *
 * @param model - a `GanModel` or a `LayersModel`.
 * @param name - the name for a `LayersModel`.
 * @returns a `GanModel`.
 */
export function toGanModel(model: GanModel | tf.LayersModel, name: string): GanModel {
  return model instanceof tf.LayersModel ? fromLayersModel(model, name) : model;
}
