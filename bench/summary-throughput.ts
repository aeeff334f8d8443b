/**
 * How fast a SummaryWriter writes: scalars (the per-step case) and image grids (the periodic
 * case), to a temporary run folder, default options. Run on its own with
 * `node --import tsx bench/summary-throughput.ts`; bench/run.ts calls {@link runSummaryBenchmark}.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initBackend } from '../src/core/backend/index.js';
import * as tf from '../src/core/backend/tf.js';
import { silentLogger } from '../src/core/logger.js';
import { SummaryWriter } from '../src/core/summary/index.js';

/** What {@link runSummaryBenchmark} measured. */
export interface SummaryBenchmarkResult {
  scalars: number;
  /** Scalars queued, encoded, framed and written per second, `close()` included. */
  scalarsPerSecond: number;
  scalarSeconds: number;
  /** CPU time of the scalar part (user + system), steadier than wall time on a busy machine. */
  scalarCpuSeconds: number;
  bytesPerScalar: number;
  grids: number;
  /** 64-image 28x28 grey grids encoded as PNG and written per second. */
  gridsPerSecond: number;
}

/**
 * Times 100k scalars on 4 tags and a few 8x8 image grids.
 *
 * @param options - how many scalars and grids.
 * @returns the measured rates.
 */
export async function runSummaryBenchmark(
  options: { scalars?: number; grids?: number } = {},
): Promise<SummaryBenchmarkResult> {
  const scalars = options.scalars ?? 100_000;
  const grids = options.grids ?? 20;
  if (tf.getBackend() === undefined) await initBackend({ backend: 'cpu', logger: silentLogger });
  const root = mkdtempSync(join(tmpdir(), 'gantry-bench-summary-'));
  try {
    const writer = new SummaryWriter(join(root, 'scalars'));
    const tags = ['loss/critic', 'loss/generator', 'wasserstein', 'lr'];
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    for (let i = 0; i < scalars; i += 1) writer.scalar(tags[i % 4], Math.sin(i), i >> 2);
    await writer.close();
    const scalarSeconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const bytes = statSync(writer.path).size;

    const gridWriter = new SummaryWriter(join(root, 'grids'));
    const batch = tf.randomUniform([64, 28, 28, 1], -1, 1) as tf.Tensor4D;
    const gridStart = performance.now();
    for (let step = 0; step < grids; step += 1) {
      await gridWriter.imageGrid('samples', batch, step, { columns: 8, range: [-1, 1] });
    }
    await gridWriter.close();
    const gridSeconds = (performance.now() - gridStart) / 1000;
    batch.dispose();
    return {
      scalars,
      scalarsPerSecond: scalars / scalarSeconds,
      scalarSeconds,
      scalarCpuSeconds: (cpu.user + cpu.system) / 1e6,
      bytesPerScalar: bytes / scalars,
      grids,
      gridsPerSecond: grids / gridSeconds,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await runSummaryBenchmark();
  console.log('summary writer throughput (cpu backend, default options)');
  console.log(`  ${result.scalars} scalars     ${result.scalarSeconds.toFixed(3)} s`);
  console.log(`  CPU time           ${result.scalarCpuSeconds.toFixed(3)} s`);
  console.log(`  scalars/s          ${Math.round(result.scalarsPerSecond)}`);
  console.log(`  bytes/scalar       ${result.bytesPerScalar.toFixed(1)}`);
  console.log(`  64x28x28 grids/s   ${result.gridsPerSecond.toFixed(1)}`);
  console.log(JSON.stringify({ bench: 'summary-throughput', ...result }));
}
