import * as tf from '../../src/core/backend/tf.js';
import type { GanModels } from '../../src/gan/models/index.js';
import { timeCalls } from '../timing.js';
import { createWganSession, disposeWganSession, type WganSession } from '../steps/wgan-session.js';
import { wganGeneratorStep } from '../steps/wgan-steps.js';
import type { BenchCase, BenchContext, CaseResult, StepMeasurement } from './types.js';

/** A timed step left tensors behind, so its times would include a growing heap. */
export class TensorLeakError extends Error {
  override readonly name = 'TensorLeakError';
}

/** What distinguishes one GAN-step case from another. */
export interface GanStepCaseSpec {
  name: string;
  description: string;
  /** Builds fresh models (called once per run). */
  models: () => GanModels;
  batch: number;
  /** The critic step to time; the generator step is always {@link wganGeneratorStep}. */
  criticStep: (session: WganSession) => number;
}

/**
 * A case that times one critic step and one generator step of a hand-written WGAN loop on the
 * current backend, each as the median of `repeats` calls after `warmup` calls.
 *
 * @param spec - name, models, batch and critic step.
 * @returns the case, with a Python peer of the same name.
 */
export function ganStepCase(spec: GanStepCaseSpec): BenchCase {
  return {
    name: spec.name,
    description: spec.description,
    hasPythonPeer: true,
    alsoOneThreadOnTensorflow: true,
    run: async (context) => runGanSteps(spec, context),
  };
}

function runGanSteps(spec: GanStepCaseSpec, context: BenchContext): CaseResult {
  const session = createWganSession(spec.models(), spec.batch);
  try {
    const steps = [
      measure(spec, context, 'critic', () => spec.criticStep(session)),
      measure(spec, context, 'generator', () => wganGeneratorStep(session)),
    ];
    return { steps, tables: [] };
  } finally {
    disposeWganSession(session);
  }
}

function measure(
  spec: GanStepCaseSpec,
  context: BenchContext,
  step: string,
  call: () => number,
): StepMeasurement {
  // The first call creates the optimizer's slots, which live on; it counts as warm-up.
  call();
  const before = tf.memory().numTensors;
  const { warmup, repeats } = context.timing;
  const timing = timeCalls(() => void call(), { warmup: Math.max(0, warmup - 1), repeats });
  const leaked = tf.memory().numTensors - before;
  if (leaked !== 0) {
    throw new TensorLeakError(
      `the ${spec.name} ${step} step left ${leaked} tensors over ${warmup - 1 + repeats} calls; ` +
        'wrap its work in tf.tidy or dispose what it creates',
    );
  }
  const { name: backend, threads } = context.backend;
  return {
    model: spec.name,
    step,
    runtime: 'tfjs',
    impl: `gantry ${backend}`,
    threads,
    batch: spec.batch,
    ...timing,
    samplesPerSecond: spec.batch / (timing.medianMs / 1000),
  };
}
