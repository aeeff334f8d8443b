/**
 * Where a training step's time goes on wasm: the MLP WGAN-GP critic step (batch 256) and the
 * DCGAN WGAN critic step (batch 64) of bench/steps, each timed plainly and then again with
 * every wasm kernel wrapped in a timer, printed as a table of time per kernel (calls, ms and
 * share of the step), plus the time spent outside kernels (tfjs's engine and gradient tape,
 * tfjs-layers, the optimizer's JavaScript).
 *
 * Times are CPU time of this process, not wall time: on a machine shared with other work, wall
 * time measures the other processes as much as this one, while wasm computes on this thread.
 * A kernel's time is exclusive: one that runs another through the engine is charged only for
 * its own part. `--by-shape` splits each kernel's row by its input shapes.
 *
 * Run: `node --import tsx bench/profile-step.ts [--repeats N] [--by-shape]` (tables, then one
 * `PROFILE_JSON` line).
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/core/backend/index.js';
import { silentLogger } from '../src/core/logger.js';
import { dcgan, mlpGan } from '../src/gan/models/index.js';
import { cpuMs, instrumentWasmKernels, kernelTable, type KernelTotal } from './kernel-profile.js';
import { median } from './timing.js';
import { createWganSession, disposeWganSession } from './steps/wgan-session.js';
import { wganCriticStep, wganGpCriticStep, type WganStepSpec } from './steps/wgan-steps.js';

const STEPS: readonly WganStepSpec[] = [
  { name: 'mlp wgan-gp critic', models: () => mlpGan(), batch: 256, step: wganGpCriticStep },
  {
    name: 'dcgan wgan critic',
    models: () => dcgan({ generatorBatchNorm: false }),
    batch: 64,
    step: wganCriticStep,
  },
];

/** Per-kernel totals over `repeats` instrumented calls, and those calls' CPU time. */
function profileKernels(
  call: () => void,
  repeats: number,
  byShape: boolean,
): { totals: Map<string, KernelTotal>; stepMs: number } {
  const totals = new Map<string, KernelTotal>();
  const restore = instrumentWasmKernels(totals, byShape);
  try {
    call();
    totals.clear();
    const start = cpuMs();
    for (let i = 0; i < repeats; i++) call();
    return { totals, stepMs: cpuMs() - start };
  } finally {
    restore();
  }
}

/**
 * Times and profiles one step: the median CPU time of `repeats` plain calls after two warm-up
 * calls, then the per-kernel table of `repeats` instrumented calls.
 */
function profileStep(spec: WganStepSpec, repeats: number, byShape: boolean): object {
  const session = createWganSession(spec.models(), spec.batch);
  try {
    const call = (): void => void spec.step(session);
    call();
    call();
    const samples: number[] = [];
    for (let i = 0; i < repeats; i++) {
      const start = cpuMs();
      call();
      samples.push(cpuMs() - start);
    }
    const medianMs = median(samples);
    const { totals, stepMs } = profileKernels(call, repeats, byShape);
    console.log(`\n${spec.name} (batch ${spec.batch}): ${medianMs.toFixed(1)} ms CPU per step`);
    console.log(kernelTable(totals, stepMs, repeats));
    const kernels = Object.fromEntries(
      [...totals].map(([name, t]) => [name, { calls: t.calls / repeats, ms: t.ms / repeats }]),
    );
    return { step: spec.name, batch: spec.batch, medianMs, kernels };
  } finally {
    disposeWganSession(session);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      repeats: { type: 'string', default: '8' },
      'by-shape': { type: 'boolean', default: false },
    },
  });
  const repeats = Number(values.repeats);
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`--repeats must be a positive integer, got ${values.repeats}`);
  }
  await initBackend({ backend: 'wasm', logger: silentLogger });
  const load = [loadavg()[0]!];
  const results = STEPS.map((spec) => profileStep(spec, repeats, values['by-shape']));
  load.push(loadavg()[0]!);
  console.log(
    `\nload average (1 min) at start / end: ${load.map((l) => l.toFixed(2)).join(' / ')}`,
  );
  console.log(`PROFILE_JSON ${JSON.stringify({ repeats, load, results })}`);
}

await main();
