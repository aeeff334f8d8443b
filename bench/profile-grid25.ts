/**
 * Where a grid25 training iteration's time goes on wasm: gantry's trainer runs the grid25
 * WGAN-GP preset (MLP 3×192, batch 128, nCritic 2, Adam, λ 0.1, generator moving average) as
 * `npm run bench:quality` does, with every wasm kernel wrapped in a timer; after `--warmup`
 * generator steps the totals start, and the table shows each kernel's CPU time per iteration
 * (nCritic critic steps + one generator step) and the time outside kernels (tfjs's engine and
 * gradient tape, tfjs-layers, optimizers, the trainer).
 *
 * CPU time (see bench/profile-step.ts); the plain run, without timers (they add two `cpuUsage`
 * calls per kernel), also gives its wall time. `--threads N` (2 to 8) runs on tfjs-backend-wasm's
 * multi-threaded build instead (bench/wasm-threads/threaded-wasm-backend.ts); its CPU time counts
 * every thread.
 *
 * Run: `node --import tsx bench/profile-grid25.ts [--iterations N] [--warmup N] [--threads N]
 * [--by-shape]` (tables, then one `PROFILE_GRID25_JSON` line).
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
import { startThreadedWasm } from './wasm-threads/threaded-wasm-backend.js';

const SEED = 0;

/** CPU and wall milliseconds of a run's measured iterations. */
interface RunTime {
  cpuMs: number;
  wallMs: number;
}

/**
 * Trains `warmup + iterations` generator steps of the grid25 preset and returns the time of
 * the last `iterations` (and, through `totals` when given, the kernels' share of it).
 */
async function trainIterations(
  warmup: number,
  iterations: number,
  totals: Map<string, KernelTotal> | undefined,
  byShape: boolean,
): Promise<RunTime> {
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
    const start = { cpuMs: 0, wallMs: 0 };
    const mark = trainer.events$.subscribe((event) => {
      if (event.kind !== 'generator-step' || event.steps.generator !== warmup) return;
      totals?.clear();
      Object.assign(start, { cpuMs: cpuMs(), wallMs: performance.now() });
    });
    const result = await trainer.run();
    mark.unsubscribe();
    if (result.reason === 'error') throw result.error ?? new Error('training failed');
    return { cpuMs: cpuMs() - start.cpuMs, wallMs: performance.now() - start.wallMs };
  } finally {
    restore();
    rmSync(logdir, { recursive: true, force: true });
  }
}

/**
 * Starts gantry's wasm backend (1 thread) or the threaded build.
 *
 * @returns what stops the threaded build's workers.
 */
async function startWasm(threads: number): Promise<() => void> {
  if (!Number.isInteger(threads) || threads < 1 || threads > 8) {
    throw new RangeError(`--threads must be an integer from 1 to 8, got ${threads}`);
  }
  if (threads > 1) return (await startThreadedWasm(threads)).terminate;
  await initBackend({ backend: 'wasm', logger: silentLogger });
  return () => undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '40' },
      warmup: { type: 'string', default: '10' },
      threads: { type: 'string', default: '1' },
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
  const threads = Number(values.threads);
  const stop = await startWasm(threads);
  const load = [loadavg()[0]!];
  const plain = await trainIterations(warmup, iterations, undefined, false);
  const totals = new Map<string, KernelTotal>();
  const profiled = await trainIterations(warmup, iterations, totals, values['by-shape']);
  load.push(loadavg()[0]!);
  stop();
  const plainMs = plain.cpuMs;
  const profiledMs = profiled.cpuMs;
  console.log(
    `grid25 wgan-gp iteration (nCritic 2, batch 128, MLP 3×192) on wasm, ${threads} ` +
      `thread${threads === 1 ? '' : 's'}: ${(plainMs / iterations).toFixed(1)} ms CPU and ` +
      `${(plain.wallMs / iterations).toFixed(1)} ms wall plain, ` +
      `${(profiledMs / iterations).toFixed(1)} ms CPU with kernel timers`,
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
      threads,
      load,
      plainMsPerIteration: plainMs / iterations,
      plainWallMsPerIteration: plain.wallMs / iterations,
      profiledMsPerIteration: profiledMs / iterations,
      kernels,
    })}`,
  );
}

await main();
