/**
 * Where a grid25 training iteration's time goes on wasm: gantry's trainer runs the grid25
 * WGAN-GP preset (MLP 3×192, batch 128, nCritic 2, Adam, λ 0.1, generator moving average) as
 * `npm run bench:quality` does, with every wasm kernel wrapped in a timer; after `--warmup`
 * generator steps the totals start, and the table shows each kernel's CPU time per iteration
 * (nCritic critic steps + one generator step) and the time outside kernels (tfjs's engine and
 * gradient tape, tfjs-layers, optimizers, the trainer).
 *
 * CPU time, not wall time (see bench/profile-step.ts). Instrumenting adds two `cpuUsage` calls
 * per kernel, so the plain iteration time is measured first, by a run without timers.
 *
 * Run: `node --import tsx bench/profile-grid25.ts [--iterations N] [--warmup N] [--by-shape]`
 * (tables, then one `PROFILE_GRID25_JSON` line).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend } from '../src/core/backend/index.js';
import { TOKENS } from '../src/core/di/tokens.js';
import { silentLogger } from '../src/core/logger.js';
import {
  createTrainerContainer,
  presetFor,
  presetLoss,
  presetModels,
  presetOptimizers,
  presetSettings,
  type GanTrainer,
} from '../src/gan/index.js';
import { grid25 } from '../src/gan/data/index.js';
import { cpuMs, instrumentWasmKernels, kernelTable, type KernelTotal } from './kernel-profile.js';

const SEED = 0;

/**
 * Trains `warmup + iterations` generator steps of the grid25 preset and returns the CPU time of
 * the last `iterations` (and, through `totals` when given, the kernels' share of it).
 */
async function trainIterations(
  warmup: number,
  iterations: number,
  totals: Map<string, KernelTotal> | undefined,
  byShape: boolean,
): Promise<number> {
  const preset = {
    ...presetFor({ dataset: 'grid25', loss: 'wgan-gp' }),
    steps: warmup + iterations,
  };
  const { generator, critic } = presetModels(preset, SEED);
  const logdir = mkdtempSync(join(tmpdir(), 'gantry-profile-grid25-'));
  const restore = totals === undefined ? () => undefined : instrumentWasmKernels(totals, byShape);
  try {
    const container = createTrainerContainer({
      ...presetSettings(preset),
      generator,
      critic,
      dataset: grid25(SEED),
      loss: presetLoss(preset),
      optimizers: presetOptimizers(preset),
      seed: SEED,
      backend: 'wasm',
      logdir,
      logger: silentLogger,
    });
    const trainer = container.get<GanTrainer>(TOKENS.Trainer);
    let start = 0;
    const mark = trainer.events$.subscribe((event) => {
      if (event.kind !== 'generator-step' || event.steps.generator !== warmup) return;
      totals?.clear();
      start = cpuMs();
    });
    const result = await trainer.run();
    mark.unsubscribe();
    if (result.reason === 'error') throw result.error ?? new Error('training failed');
    return cpuMs() - start;
  } finally {
    restore();
    rmSync(logdir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '40' },
      warmup: { type: 'string', default: '10' },
      'by-shape': { type: 'boolean', default: false },
    },
  });
  const iterations = Number(values.iterations);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(iterations) || iterations < 1) {
    throw new RangeError(`--iterations must be a positive integer, got ${values.iterations}`);
  }
  if (!Number.isInteger(warmup) || warmup < 1) {
    throw new RangeError(`--warmup must be a positive integer, got ${values.warmup}`);
  }
  await initBackend({ backend: 'wasm', logger: silentLogger });
  const load = [loadavg()[0]!];
  const plainMs = await trainIterations(warmup, iterations, undefined, false);
  const totals = new Map<string, KernelTotal>();
  const profiledMs = await trainIterations(warmup, iterations, totals, values['by-shape']);
  load.push(loadavg()[0]!);
  console.log(
    `grid25 wgan-gp iteration (nCritic 2, batch 128, MLP 3×192) on wasm: ` +
      `${(plainMs / iterations).toFixed(1)} ms CPU plain, ` +
      `${(profiledMs / iterations).toFixed(1)} ms with kernel timers`,
  );
  console.log(kernelTable(totals, profiledMs, iterations));
  console.log(
    `\nload average (1 min) at start / end: ${load.map((l) => l.toFixed(2)).join(' / ')}`,
  );
  const kernels = Object.fromEntries(
    [...totals].map(([name, t]) => [name, { calls: t.calls / iterations, ms: t.ms / iterations }]),
  );
  console.log(
    `PROFILE_GRID25_JSON ${JSON.stringify({
      iterations,
      warmup,
      load,
      plainMsPerIteration: plainMs / iterations,
      profiledMsPerIteration: profiledMs / iterations,
      kernels,
    })}`,
  );
}

await main();
