/**
 * The GPU check of compiled updates: the `compiled` bench case's WGAN critic and generator steps
 * (bench/steps/compiled-steps.ts) on one CUDA GPU, eager and compiled (one TensorFlow function
 * per step, what `--execution compiled` runs), beside PyTorch's same steps on the same GPU
 * (bench/gpu/torch_cuda_peer.py), in one table and one `COMPILED_GPU_JSON` line. Needs the CUDA
 * build of the binding and a PyTorch that sees the GPU; fails at once, saying which is missing.
 *
 * ```
 * npx gantry setup tensorflow --gpu
 * node --import tsx bench/gpu/compiled-step.ts [--models dcgan,mlp] [--warmup 3] [--repeats 10]
 *   [--python python3|none] [--xla]
 * ```
 *
 * About a minute on an H100: TensorFlow's and PyTorch's start-up, one trace per step, and
 * (3 + 10) × 2 steps × 2 models per runtime.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CompiledFunction } from '../../src/core/backend/tensorflow-trace/index.js';
import { initBackend } from '../../src/core/backend/index.js';
import { consoleLogger, silentLogger } from '../../src/core/logger.js';
import type { BenchContext, StepMeasurement } from '../cases/types.js';
import { PEER_LINE_PREFIX, parsePeerReport } from '../peers/peer-report.js';
import { REPO_ROOT } from '../peers/python-env.js';
import { failureReason, readPrefixedJson, runChild } from '../process.js';
import { COMPILED_MODELS, measureStep, stepBodies } from '../steps/compiled-steps.js';
import { createWganSession, disposeWganSession } from '../steps/wgan-session.js';
import {
  formatCompiledGpuReport,
  parseCompiledGpuArgs,
  planGpu,
  type CompiledGpuOptions,
  type PeerSteps,
} from './compiled-plan.js';
import { parseGpuList } from './nccl-plan.js';

function listGpus(): string {
  try {
    return execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8' });
  } catch {
    // No driver: planGpu reports that no GPU is visible.
    return '';
  }
}

/** gantry's rows: each step eager, compiled and, with `--xla`, compiled by XLA. */
function timeGantry(options: CompiledGpuOptions, context: BenchContext): StepMeasurement[] {
  const measured: StepMeasurement[] = [];
  for (const model of COMPILED_MODELS.filter((m) => options.models.includes(m.name))) {
    const session = createWganSession(model.models(), model.batch);
    try {
      for (const [step, body] of stepBodies(session, model)) {
        const time = (execution: 'eager' | 'compiled' | 'compiled+xla') => {
          const compiled =
            execution === 'eager'
              ? undefined
              : new CompiledFunction(body, {
                  name: `gpu_${model.name}_${step}`,
                  logger: consoleLogger,
                  xla: execution === 'compiled+xla',
                });
          try {
            return measureStep(session, model, step, execution, context, (z, alpha) =>
              compiled === undefined
                ? body(z, session.real, alpha)
                : compiled.call([z, session.real, alpha]),
            );
          } finally {
            compiled?.dispose();
          }
        };
        measured.push(time('eager'), time('compiled'));
        if (options.xla) measured.push(time('compiled+xla'));
      }
    } finally {
      disposeWganSession(session);
    }
  }
  return measured;
}

async function timePytorch(options: CompiledGpuOptions): Promise<PeerSteps> {
  if (options.python === 'none') return { steps: [], unavailable: '--python none' };
  const peer = join(REPO_ROOT, 'bench', 'gpu', 'torch_cuda_peer.py');
  const models = options.models.filter((name) => name !== 'mlp-wgan');
  const result = await runChild(options.python, [
    peer,
    ...['--models', models.join(','), '--device', 'cuda'],
    ...['--warmup', String(options.warmup), '--repeats', String(options.repeats)],
  ]);
  const json = readPrefixedJson(result.stdout, PEER_LINE_PREFIX);
  if (result.code !== 0 || json === undefined)
    return { steps: [], unavailable: failureReason(result) };
  return { steps: parsePeerReport(json).steps };
}

async function main(): Promise<void> {
  const options = parseCompiledGpuArgs(process.argv.slice(2));
  const gpu = planGpu(parseGpuList(listGpus()), process.env);
  const backend = await initBackend({
    backend: 'tensorflow',
    logger: silentLogger,
    requireGpu: true,
  });
  console.log(backend.summary);
  const context: BenchContext = {
    backend,
    timing: { warmup: options.warmup, repeats: options.repeats },
  };
  const gantry = timeGantry(options, context);
  const torch = await timePytorch(options);
  console.log(formatCompiledGpuReport(gpu, gantry, torch).join('\n'));
  console.log(
    `COMPILED_GPU_JSON ${JSON.stringify({ gpu, backend: backend.summary, gantry, torch })}`,
  );
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
