/**
 * Eager against compiled gantry on the tensorflow backend: the same WGAN (weight clipping)
 * critic and generator steps run op by op from JavaScript, and traced once and run as one
 * TensorFlow function each (`CompiledFunction`, what `--execution compiled` uses). The noise is
 * drawn in JavaScript outside the step in both rows (a compiled step takes it as an argument).
 * A third row registers the same function with `_XlaMustCompile` (XLA's JIT).
 * The `dcgan` (WGAN) and `mlp` (WGAN-GP) rows are those cases' models and steps, so with
 * `--only dcgan,mlp,compiled` they sit beside the PyTorch and tf.function peers; `mlp-wgan` is
 * the MLP with weight clipping, which has no peer. A second table breaks one compiled call of
 * each step down (`compiled-call-breakdown.ts`): TFE_Execute of the function beside that of an
 * identity function of the same arity, the JavaScript side, and the loss's host read.
 */
import { CompiledFunction } from '../../src/core/backend/tensorflow-trace/index.js';
import * as tf from '../../src/core/backend/tf.js';
import { silentLogger } from '../../src/core/logger.js';
import { dcgan, mlpGan, type GanModels } from '../../src/gan/models/index.js';
import { timeCalls } from '../timing.js';
import { breakDownCompiledCall, type CallBreakdown } from './compiled-call-breakdown.js';
import { createWganSession, disposeWganSession, type WganSession } from '../steps/wgan-session.js';
import { GP_WEIGHT, WGAN_CLIP } from '../steps/wgan-steps.js';
import { TensorLeakError } from './gan-step-case.js';
import type { BenchCase, BenchContext, CaseResult, StepMeasurement } from './types.js';

interface CompiledModel {
  name: string;
  models: () => GanModels;
  batch: number;
  /** WGAN-GP's critic step (the `mlp` case's) instead of weight clipping. */
  penalty: boolean;
}

const MODELS: readonly CompiledModel[] = [
  { name: 'dcgan', models: () => dcgan({ generatorBatchNorm: false }), batch: 64, penalty: false },
  { name: 'mlp-wgan', models: () => mlpGan(), batch: 256, penalty: false },
  { name: 'mlp', models: () => mlpGan(), batch: 256, penalty: true },
];

/** One step's function: noise, the real batch and WGAN-GP's ε are its arguments. */
type StepBody = (z: tf.Tensor, real: tf.Tensor, alpha: tf.Tensor) => { loss: tf.Tensor };

/** The `compiled` case: eager vs compiled WGAN steps of the DCGAN and the 3×512 MLP. */
export const compiledStepCase: BenchCase = {
  name: 'compiled',
  description:
    'eager vs compiled (one TensorFlow function per step) critic and generator steps on tensorflow: WGAN DCGAN-28 batch 64, WGAN and WGAN-GP MLP 3×512 batch 256',
  backends: ['tensorflow'],
  hasPythonPeer: false,
  alsoOneThreadOnTensorflow: true,
  run: async (context) => runCompiledSteps(context),
};

function runCompiledSteps(context: BenchContext): CaseResult {
  const steps: StepMeasurement[] = [];
  const rows: Record<string, string | number | null>[] = [];
  const breakdowns: Record<string, string | number | null>[] = [];
  for (const model of MODELS) {
    const session = createWganSession(model.models(), model.batch);
    try {
      const bodies: [string, StepBody][] = [
        ['critic', criticStep(session, model.penalty)],
        ['generator', generatorStep(session)],
      ];
      for (const [step, body] of bodies) {
        const compile = (xla: boolean) =>
          new CompiledFunction(body, { name: `${model.name}_${step}`, logger: silentLogger, xla });
        const compiled = compile(false);
        const withXla = compile(true);
        const eager = measure(session, model, step, 'eager', context, (z, alpha) =>
          body(z, session.real, alpha),
        );
        const fast = measure(session, model, step, 'compiled', context, (z, alpha) =>
          compiled.call([z, session.real, alpha]),
        );
        const xla = measure(session, model, step, 'compiled+xla', context, (z, alpha) =>
          withXla.call([z, session.real, alpha]),
        );
        steps.push(eager, fast, xla);
        rows.push({
          model: model.name,
          step,
          'eager ms': round(eager.medianMs),
          'compiled ms': round(fast.medianMs),
          'compiled+xla ms': round(xla.medianMs),
          'eager ÷ compiled': round(eager.medianMs / fast.medianMs),
          traces: compiled.traceCount,
          mode: modeOf(compiled),
          'xla mode': modeOf(withXla),
        });
        compiled.dispose();
        withXla.dispose();
        const layers = breakDownCompiledCall(
          {
            label: `${model.name}_${step}_breakdown`,
            // The session's real batch is shared: each call gets a clone (the same data) to free.
            args: () => [noise(session), tf.clone(session.real), penaltyDraw(session)],
            body,
          },
          context.timing,
        );
        breakdowns.push({ model: model.name, step, ...breakdownRow(layers) });
      }
    } finally {
      disposeWganSession(session);
    }
  }
  return {
    steps,
    tables: [
      { title: 'eager vs compiled gantry (tensorflow)', rows },
      { title: 'one compiled call, layer by layer (median ms)', rows: breakdowns },
    ],
  };
}

function breakdownRow(layers: CallBreakdown): Record<string, number> {
  return {
    inputs: layers.inputs,
    outputs: layers.outputs,
    'call+read': round(layers.wholeMs),
    TFE_Execute: round(layers.executeMs),
    'identity fn': round(layers.identityExecuteMs),
    'JS side': round(layers.javascriptMs),
    'loss read': round(layers.lossReadMs),
    rest: round(layers.restMs),
  };
}

/** WGAN-GP's ε for one batch (the weight-clipping steps take it and ignore it). */
function penaltyDraw(session: WganSession): tf.Tensor {
  return tf.randomUniform([session.batch, ...session.real.shape.slice(1).map(() => 1)]);
}

function modeOf(compiled: CompiledFunction<tf.Tensor[]>): string {
  return compiled.lastMode === 'eager' ? `eager: ${compiled.lastFailure}` : 'compiled';
}

function noise(session: WganSession): tf.Tensor {
  return tf.randomNormal([session.batch, session.models.noiseSize]);
}

/**
 * As `wganCriticStep` (or, with `penalty`, `wganGpCriticStep`), with the noise, the real batch
 * and the penalty's ε as arguments, returning the loss tensor.
 */
function criticStep(session: WganSession, penalty: boolean): StepBody {
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
function generatorStep(session: WganSession): StepBody {
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

function measure(
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
