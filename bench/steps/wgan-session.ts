import * as tf from '../../src/core/backend/tf.js';
import { GlobalStep, RMSPropOptimizer } from '../../src/core/optim/index.js';
import type { GanModels } from '../../src/gan/models/index.js';

/** Everything one hand-written WGAN training step touches, built once and reused. */
export interface WganSession {
  models: GanModels;
  batch: number;
  /** A fixed real batch in [-1, 1]: the benchmark times training, not data loading. */
  real: tf.Tensor;
  criticVars: tf.Variable[];
  generatorVars: tf.Variable[];
  criticOptimizer: RMSPropOptimizer;
  generatorOptimizer: RMSPropOptimizer;
  steps: { critic: GlobalStep; generator: GlobalStep };
}

/** Learning rate of both RMSProp optimizers (the WGAN paper's). */
export const WGAN_LEARNING_RATE = 5e-5;

/**
 * gantry's RMSProp with TensorFlow 1's defaults (decay 0.9, no momentum, epsilon 1e-10), which
 * the Python peers use too.
 */
function rmsprop(): RMSPropOptimizer {
  return new RMSPropOptimizer({ learningRate: WGAN_LEARNING_RATE });
}

/**
 * Builds the state of a hand-written WGAN loop around two models: a fixed real batch, one
 * RMSProp optimizer and one global step per network.
 *
 * @param models - the generator and critic (built, weights initialised).
 * @param batch - samples per step.
 * @returns the session the step functions take.
 */
export function createWganSession(models: GanModels, batch: number): WganSession {
  return {
    models,
    batch,
    real: tf.randomUniform([batch, ...models.sampleShape], -1, 1),
    criticVars: variablesOf(models.critic),
    generatorVars: variablesOf(models.generator),
    criticOptimizer: rmsprop(),
    generatorOptimizer: rmsprop(),
    steps: {
      critic: new GlobalStep('global_step/critic'),
      generator: new GlobalStep('global_step/generator'),
    },
  };
}

/**
 * Frees the session's tensors, optimizer slots and model weights.
 *
 * @param session - the session to free; unusable afterwards.
 */
export function disposeWganSession(session: WganSession): void {
  session.real.dispose();
  session.criticOptimizer.dispose();
  session.generatorOptimizer.dispose();
  session.models.generator.dispose();
  session.models.critic.dispose();
}

/**
 * A fresh noise batch, as every training step draws one.
 *
 * @param session - gives batch and noise size.
 * @returns a standard-normal tensor `[batch, noiseSize]`.
 */
export function sampleNoise(session: WganSession): tf.Tensor2D {
  return tf.randomNormal([session.batch, session.models.noiseSize]);
}

function variablesOf(model: tf.LayersModel): tf.Variable[] {
  // LayerVariable.read() returns the tf.Variable it wraps, typed only as Tensor.
  return model.trainableWeights.map((weight) => weight.read() as tf.Variable);
}
