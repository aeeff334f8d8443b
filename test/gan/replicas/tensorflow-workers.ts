import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, formatTfConfig } from '../../../src/index.js';

/** The fixture every process test runs: one replica of a small WGAN (`fixtures/train-replica.ts`). */
export const fixture = fileURLToPath(new URL('./fixtures/train-replica.ts', import.meta.url));

/** The collectives' timeout the workers run with. */
export const TIMEOUT_MS = 20_000;

/** How one worker process ended. */
export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  endedAt: number;
}

/** What the fixture's chief writes (see `fixtures/train-replica.ts`). */
export interface Trained {
  steps: { critic: number; generator: number };
  weights: number[][];
  resumedFrom: { critic: number; generator: number } | null;
  losses: number[];
  tensors: number[];
  handles: number[];
  logs: string[];
}

/** A fresh path for the chief's weights. */
export async function outFile(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'gantry-tf-workers-')), 'weights.json');
}

/** Reads what the chief wrote. */
export async function readTrained(out: string): Promise<Trained> {
  return JSON.parse(await readFile(out, 'utf8')) as Trained;
}

/**
 * Starts the fixture as a process: one TensorFlow worker of `workers` (as on its own machine),
 * or, without workers, one process alone.
 *
 * @param workers - the cluster's addresses, or `undefined` for a run of one.
 * @param rank - this worker's task index.
 * @param out - where the chief writes its weights.
 * @param env - the fixture's settings (`FIXTURE_*`).
 * @returns how the process ended.
 */
export function startWorker(
  workers: readonly string[] | undefined,
  rank: number,
  out: string,
  env: NodeJS.ProcessEnv,
): Promise<Ended> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, out], {
    env: {
      ...process.env,
      ...(workers === undefined ? {} : { TF_CONFIG: formatTfConfig(workers, rank) }),
      FIXTURE_BACKEND: 'tensorflow',
      FIXTURE_TIMEOUT_MS: String(TIMEOUT_MS),
      TF_CPP_MIN_LOG_LEVEL: '3',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stderr, endedAt: Date.now() })),
  );
}

/** `count` free loopback addresses, one per worker. */
export async function loopbackWorkers(count: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: count }, async () => `127.0.0.1:${await findFreePort()}`),
  );
}

/**
 * Runs `count` workers of one cluster to the end.
 *
 * @param count - workers.
 * @param env - the fixture's settings, the same for each.
 * @returns how each ended, by rank, and what the chief wrote.
 */
export async function runCluster(
  count: number,
  env: NodeJS.ProcessEnv,
): Promise<{ ended: Ended[]; trained: Trained }> {
  const workers = await loopbackWorkers(count);
  const out = await outFile();
  const ended = await Promise.all(
    Array.from({ length: count }, (_, rank) => startWorker(workers, rank, out, env)),
  );
  for (const worker of ended) if (worker.code !== 0) throw new Error(worker.stderr);
  return { ended, trained: await readTrained(out) };
}
