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
import {
  COMPILED_MODELS,
  measureStep,
  noise,
  penaltyDraw,
  stepBodies,
} from '../steps/compiled-steps.js';
import { createWganSession, disposeWganSession } from '../steps/wgan-session.js';
import { breakDownCompiledCall, type CallBreakdown } from './compiled-call-breakdown.js';
import type { BenchCase, BenchContext, CaseResult, StepMeasurement } from './types.js';

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
  for (const model of COMPILED_MODELS) {
    const session = createWganSession(model.models(), model.batch);
    try {
      for (const [step, body] of stepBodies(session, model)) {
        const compile = (xla: boolean) =>
          new CompiledFunction(body, { name: `${model.name}_${step}`, logger: silentLogger, xla });
        const compiled = compile(false);
        const withXla = compile(true);
        const eager = measureStep(session, model, step, 'eager', context, (z, alpha) =>
          body(z, session.real, alpha),
        );
        const fast = measureStep(session, model, step, 'compiled', context, (z, alpha) =>
          compiled.call([z, session.real, alpha]),
        );
        const xla = measureStep(session, model, step, 'compiled+xla', context, (z, alpha) =>
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
  const count = context.backend.threads;
  // The case runs on all cores and again on one: the titles say which.
  const threads = `${count} thread${count === 1 ? '' : 's'}`;
  return {
    steps,
    tables: [
      { title: `eager vs compiled gantry (tensorflow, ${threads})`, rows },
      { title: `one compiled call, layer by layer (median ms, ${threads})`, rows: breakdowns },
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

function modeOf(compiled: CompiledFunction<tf.Tensor[]>): string {
  return compiled.lastMode === 'eager' ? `eager: ${compiled.lastFailure}` : 'compiled';
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
