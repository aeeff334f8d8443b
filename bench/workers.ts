import { fileURLToPath } from 'node:url';
import type { BackendName } from '../src/core/backend/index.js';
import { failureReason, readPrefixedJson, runChild } from './process.js';
import type { TimingOptions } from './timing.js';
import { WORKER_LINE_PREFIX, type WorkerReport } from './worker-report.js';

/** One backend's worker: its report, or why it produced none. */
export interface WorkerOutcome {
  backend: BackendName;
  report?: WorkerReport;
  unavailable?: string;
}

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.ts', import.meta.url));

/**
 * Runs the selected cases on one backend in a child process (`bench/worker.ts`), with the same
 * Node flags as this process (so `--import tsx` carries over).
 *
 * @param backend - the backend the worker initialises.
 * @param caseNames - the cases it runs (those not meant for this backend already removed).
 * @param timing - warm-up and timed calls per step.
 * @param env - extra environment for the worker (e.g. TensorFlow's thread counts).
 * @returns the worker's report, or why the backend could not run.
 */
export async function runWorker(
  backend: BackendName,
  caseNames: readonly string[],
  timing: TimingOptions,
  env: Readonly<Record<string, string>> = {},
): Promise<WorkerOutcome> {
  const result = await runChild(
    process.execPath,
    [
      ...process.execArgv,
      WORKER_SCRIPT,
      '--backend',
      backend,
      '--cases',
      caseNames.join(','),
      '--warmup',
      String(timing.warmup),
      '--repeats',
      String(timing.repeats),
    ],
    { echoStderr: true, env },
  );
  const report = readPrefixedJson(result.stdout, WORKER_LINE_PREFIX) as WorkerReport | undefined;
  if (result.code !== 0 || report === undefined) {
    return { backend, unavailable: failureReason(result) };
  }
  return { backend, report };
}
