/**
 * One build of the wasm backend in its own process (tfjs's backend registry and the wasm
 * module are process-global), started by bench/wasm-threads.ts:
 *
 * `node --import tsx bench/wasm-threads/variant.ts --build simd|threaded|forced-flag
 *   [--threads N] [--repeats N] --dump DIR`
 *
 * `forced-flag` is tfjs's own start-up with `WASM_HAS_MULTITHREAD_SUPPORT` forced on: it
 * reports the error that start-up ends with. The others write the critic gradients of two
 * seeded models to DIR (raw float32, one file per model) and time three training steps, then
 * print one `WASM_THREADS_VARIANT {json}` line.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../../src/core/backend/index.js';
import * as tf from '../../src/core/backend/tf.js';
import { silentLogger } from '../../src/core/logger.js';
import { dcgan, mlpGan, type GanModels } from '../../src/gan/models/index.js';
import { median } from '../timing.js';
import { createWganSession, disposeWganSession } from '../steps/wgan-session.js';
import {
  GP_WEIGHT,
  wganCriticStep,
  wganGpCriticStep,
  type WganStepSpec,
} from '../steps/wgan-steps.js';
import { startThreadedWasm, type ThreadedWasm } from './threaded-wasm-backend.js';
import {
  GRADIENT_CHECKS,
  gradientFile,
  VARIANT_LINE_PREFIX,
  type GradientCheck,
  type VariantReport,
} from './variant-report.js';

/** The timed steps: the `mlp` and `dcgan` bench cases' critic steps and grid25's. */
const STEPS: readonly WganStepSpec[] = [
  { name: 'mlp 3×512 gp b256', models: () => mlpGan(), batch: 256, step: wganGpCriticStep },
  {
    name: 'grid25 3×192 gp b128',
    models: () => mlpGan({ width: 192 }),
    batch: 128,
    step: wganGpCriticStep,
  },
  {
    name: 'dcgan b64',
    models: () => dcgan({ generatorBatchNorm: false }),
    batch: 64,
    step: wganCriticStep,
  },
];

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The critic's weight gradients of the WGAN loss (with the gradient penalty when `penalty`)
 * on seeded models and seeded inputs: the same numbers on every build that computes alike.
 */
function criticGradients(models: GanModels, batch: number, penalty: boolean): Float32Array {
  return tf.tidy(() => {
    const real = tf.randomUniform([batch, ...models.sampleShape], -1, 1, 'float32', 1);
    const noise = tf.randomNormal([batch, models.noiseSize], 0, 1, 'float32', 2);
    const fake = models.generator.apply(noise, { training: true }) as tf.Tensor;
    const score = (x: tf.Tensor): tf.Tensor =>
      models.critic.apply(x, { training: true }) as tf.Tensor;
    const loss = (): tf.Scalar => {
      const gap = score(fake).mean().sub(score(real).mean()) as tf.Scalar;
      if (!penalty) return gap;
      const alpha = tf.randomUniform([batch, 1], 0, 1, 'float32', 3);
      const between = fake.add(real.sub(fake).mul(alpha));
      const slope = tf.grad((x: tf.Tensor) => score(x).sum())(between);
      return gap.add(slope.square().sum(1).sqrt().sub(1).square().mean().mul(GP_WEIGHT));
    };
    const { grads } = tf.variableGrads(loss);
    return Float32Array.from(
      Object.keys(grads)
        .sort()
        .flatMap((name) => [...grads[name]!.dataSync()]),
    );
  });
}

function writeGradients(dir: string): void {
  const cases: Record<GradientCheck, () => Float32Array> = {
    'grid25 critic (gp)': () => withModels(mlpGan({ width: 192, seed: 7 }), 128, true),
    'dcgan critic': () => withModels(dcgan({ generatorBatchNorm: false, seed: 7 }), 16, false),
  };
  for (const name of GRADIENT_CHECKS) {
    writeFileSync(join(dir, gradientFile(name)), cases[name]());
  }
}

function withModels(models: GanModels, batch: number, penalty: boolean): Float32Array {
  try {
    return criticGradients(models, batch, penalty);
  } finally {
    models.generator.dispose();
    models.critic.dispose();
  }
}

type StepTimes = Pick<VariantReport, 'stepMs' | 'stepCpuMs' | 'leakFree'>;

function timeSteps(repeats: number): StepTimes {
  const report: StepTimes = { stepMs: {}, stepCpuMs: {}, leakFree: true };
  for (const spec of STEPS) {
    const session = createWganSession(spec.models(), spec.batch);
    try {
      spec.step(session);
      spec.step(session);
      const tensors = tf.memory().numTensors;
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < repeats; i++) {
        const [startWall, startCpu] = [performance.now(), cpuMs()];
        spec.step(session);
        wall.push(performance.now() - startWall);
        cpu.push(cpuMs() - startCpu);
      }
      report.leakFree &&= tf.memory().numTensors === tensors;
      report.stepMs[spec.name] = median(wall);
      report.stepCpuMs[spec.name] = median(cpu);
    } finally {
      disposeWganSession(session);
    }
  }
  return report;
}

/** tfjs's own wasm start-up with the thread flag forced: the error it ends with. */
async function forcedFlagError(): Promise<string> {
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  const factory = tf.findBackendFactory('wasm');
  if (factory === null) return 'tfjs-backend-wasm registered no wasm backend';
  try {
    await factory();
    return 'none: the threaded build started';
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

/** Starts `simd` (gantry's `initBackend`) or `threaded` (the threaded build with `threads`). */
async function startBuild(build: string | undefined, threads: number): Promise<ThreadedWasm> {
  if (build === 'threaded') return startThreadedWasm(threads);
  if (build !== 'simd') {
    throw new Error(`--build must be simd, threaded or forced-flag, got "${String(build)}"`);
  }
  const startedAt = performance.now();
  const info = await initBackend({ backend: 'wasm', logger: silentLogger });
  return { threads: info.threads, startMs: performance.now() - startedAt, terminate: () => {} };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      build: { type: 'string' },
      threads: { type: 'string', default: '1' },
      repeats: { type: 'string', default: '5' },
      dump: { type: 'string' },
    },
  });
  const threads = Number(values.threads);
  const report: VariantReport = {
    build: values.build ?? '',
    threads,
    startMs: 0,
    stepMs: {},
    stepCpuMs: {},
    leakFree: true,
  };
  if (values.build === 'forced-flag') {
    report.error = await forcedFlagError();
  } else {
    if (values.dump === undefined) throw new Error('--dump DIR is required for this build');
    const started = await startBuild(values.build, threads);
    report.threads = started.threads;
    report.startMs = started.startMs;
    writeGradients(values.dump);
    Object.assign(report, timeSteps(Number(values.repeats)));
    started.terminate();
  }
  process.stdout.write(`${VARIANT_LINE_PREFIX}${JSON.stringify(report)}\n`);
}

await main();
