import type { BackendInfo } from '../src/core/backend/index.js';
import type { CaseResult } from './cases/types.js';

/** The prefix of the one stdout line a worker (bench/worker.ts) reports on. */
export const WORKER_LINE_PREFIX = 'BENCH_WORKER ';

/** What a worker prints: the backend it ran and each case's result or failure. */
export interface WorkerReport {
  backend: BackendInfo;
  results: ({ name: string } & CaseResult)[];
  failures: { name: string; message: string }[];
}
