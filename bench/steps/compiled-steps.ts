/**
 * The WGAN critic and generator steps of the `compiled` bench case with their noise, real batch
 * and WGAN-GP's ε as arguments, so `CompiledFunction` can trace them, and how one is timed. The
 * `compiled` case (bench/cases/compiled-step-case.ts) and the GPU check
 * (bench/gpu/compiled-step.ts) both run them.
 */
import * as tf from '../../src/core/backend/tf.js';
import { dcgan, mlpGan, type GanModels } from '../../src/gan/models/index.js';
import { TensorLeakError } from '../cases/gan-step-case.js';
import type { BenchContext, StepMeasurement } from '../cases/types.js';
import { timeCalls } from '../timing.js';
import type { WganSession } from './wgan-session.js';
import { GP_WEIGHT, WGAN_CLIP } from './wgan-steps.js';

/** A model of the compiled steps: its networks, batch and critic loss. */
export interface CompiledModel {
  name: string;
  models: () => GanModels;
  batch: number;
  /** WGAN-GP's critic step (the `mlp` case's) instead of weight clipping. */
  penalty: boolean;
}

/** The DCGAN (WGAN), the 3×512 MLP with weight clipping and with WGAN-GP (the `mlp` case's). */
export const COMPILED_MODELS: readonly CompiledModel[] = [
  { name: 'dcgan', models: () => dcgan({ generatorBatchNorm: false }), batch: 64, penalty: false },
  { name: 'mlp-wgan', models: () => mlpGan(), batch: 256, penalty: false },
  { name: 'mlp', models: () => mlpGan(), batch: 256, penalty: true },
];

/** One step's function: noise, the real batch and WGAN-GP's ε are its arguments. */
export type StepBody = (z: tf.Tensor, real: tf.Tensor, alpha: tf.Tensor) => { loss: tf.Tensor };

/** WGAN-GP's ε for one batch (the weight-clipping steps take it and ignore it). */
export function penaltyDraw(session: WganSession): tf.Tensor {
  return tf.randomUniform([session.batch, ...session.real.shape.slice(1).map(() => 1)]);
}

/** A noise batch for the session's generator. */
export function noise(session: WganSession): tf.Tensor {
  return tf.randomNormal([session.batch, session.models.noiseSize]);
}

/**
 * As `wganCriticStep` (or, with `penalty`, `wganGpCriticStep`), with the noise, the real batch
 * and the penalty's ε as arguments, returning the loss tensor.
 */
export function criticStep(session: WganSession, penalty: boolean): StepBody {
  const score = (x: tf.Tensor): tf.Tensor =>
    session.models.critic.apply(x, { training: true }) as tf.Tensor;
  return (z, real, alpha) =>
    tf.tidy(() => {
      const fake = session.models.generator.apply(z, { training: true }) as tf.Tensor;
      const { loss, gradsAndVars } = session.criticOptimizer.computeGradients(() => {
        const gap = tf.sub(tf.mean(score(fake)), tf.mean(score(real)));
        if (!penalty) return gap as tf.Scalar;
        const interpolates = tf.add(fake, tf.mul(tf.sub(real, fake), alpha));
        const slopes = tf.grad((x: tf.Tensor) => tf.sum(score(x)))(interpolates);
        const norms = tf.sqrt(tf.sum(tf.square(tf.reshape(slopes, [session.batch, -1])), 1));
        return tf.add(gap, tf.mul(tf.mean(tf.square(tf.sub(norms, 1))), GP_WEIGHT)) as tf.Scalar;
      }, session.criticVars);
      session.criticOptimizer.applyGradients(gradsAndVars, { globalStep: session.steps.critic });
      if (!penalty)
        for (const variable of session.criticVars)
          variable.assign(tf.clipByValue(variable, -WGAN_CLIP, WGAN_CLIP));
      return { loss };
    });
}

/** As `wganGeneratorStep`, with the noise as an argument. */
export function generatorStep(session: WganSession): StepBody {
  return (z) =>
    tf.tidy(() => {
      const { loss, gradsAndVars } = session.generatorOptimizer.computeGradients(() => {
        const fake = session.models.generator.apply(z, { training: true }) as tf.Tensor;
        return tf.neg(
          tf.mean(session.models.critic.apply(fake, { training: true }) as tf.Tensor),
        ) as tf.Scalar;
      }, session.generatorVars);
      session.generatorOptimizer.applyGradients(gradsAndVars, {
        globalStep: session.steps.generator,
      });
      return { loss };
    });
}

/**
 * Both steps of a model, critic first, as the `compiled` case and the GPU check time them.
 *
 * @param session - the model's networks, optimizers and real batch.
 * @param model - which model (its critic loss).
 * @returns each step's name and function.
 */
export function stepBodies(session: WganSession, model: CompiledModel): [string, StepBody][] {
  return [
    ['critic', criticStep(session, model.penalty)],
    ['generator', generatorStep(session)],
  ];
}

/**
 * Times one step as the `compiled` case does: fresh noise and ε per call (not timed apart),
 * the loss read back; the first call (slots, a trace) is warm-up; no tensor may be left behind.
 *
 * @param session - the models, optimizers and real batch.
 * @param model - which model (for the row).
 * @param step - `critic` or `generator`.
 * @param execution - how `call` runs the step (for the row).
 * @param context - the backend and timing.
 * @param call - one step, given the noise and ε.
 * @returns the measurement.
 * @throws TensorLeakError when the step leaves tensors.
 */
export function measureStep(
  session: WganSession,
  model: CompiledModel,
  step: string,
  execution: 'eager' | 'compiled' | 'compiled+xla',
  context: BenchContext,
  call: (z: tf.Tensor, alpha: tf.Tensor) => Record<string, tf.Tensor>,
): StepMeasurement {
  const once = (): void => {
    const z = noise(session);
    const alpha = penaltyDraw(session);
    const { loss } = call(z, alpha);
    loss?.dataSync();
    tf.dispose([z, alpha, loss ?? []]);
  };
  // The first call creates the optimizer's slots (and, compiled, traces); it counts as warm-up.
  once();
  const before = tf.memory().numTensors;
  const { warmup, repeats } = context.timing;
  const timing = timeCalls(once, { warmup: Math.max(0, warmup - 1), repeats });
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0)
    throw new TensorLeakError(`the ${execution} ${model.name} ${step} step left ${leaked} tensors`);
  return {
    model: model.name,
    step,
    runtime: 'tfjs',
    impl: `gantry ${context.backend.name} ${execution}`,
    threads: context.backend.threads,
    batch: model.batch,
    ...timing,
    samplesPerSecond: model.batch / (timing.medianMs / 1000),
  };
}
