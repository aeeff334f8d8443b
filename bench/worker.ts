/**
 * One backend's benchmark process: `node --import tsx bench/worker.ts --backend wasm --cases
 * dcgan,mlp --warmup 3 --repeats 10`. It initialises the backend, runs the cases, and prints
 * one line `BENCH_WORKER {json}` (a WorkerReport) on stdout; its log goes to stderr.
 * Each backend gets its own process because tfjs's backend and kernel registries are global,
 * and so that a crashing backend costs only its own column.
 */
import { parseArgs } from 'node:util';
import { initBackend, type BackendName } from '../src/core/backend/index.js';
import { silentLogger } from '../src/core/logger.js';
import { selectCases } from './cases/index.js';
import { WORKER_LINE_PREFIX, type WorkerReport } from './worker-report.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string' },
      cases: { type: 'string' },
      warmup: { type: 'string' },
      repeats: { type: 'string' },
    },
  });
  const backendName = values.backend as BackendName;
  const backend = await initBackend({ backend: backendName, logger: silentLogger });
  const timing = { warmup: Number(values.warmup), repeats: Number(values.repeats) };
  const { cases } = selectCases((values.cases ?? '').split(','));
  const report: WorkerReport = { backend, results: [], failures: [] };
  for (const benchCase of cases) {
    process.stderr.write(`  ${backend.name}: ${benchCase.name}…\n`);
    try {
      report.results.push({ name: benchCase.name, ...(await benchCase.run({ backend, timing })) });
    } catch (error) {
      report.failures.push({ name: benchCase.name, message: firstLine(error) });
    }
  }
  process.stdout.write(`${WORKER_LINE_PREFIX}${JSON.stringify(report)}\n`);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

// The harness shows a failed worker's last stderr line as the reason its column is missing.
await main().catch((error: unknown) => {
  process.stderr.write(`${firstLine(error)}\n`);
  process.exitCode = 1;
});
