/**
 * `npm run bench`: times hand-written WGAN steps of gantry's DCGAN and MLP models on each tfjs
 * backend (one worker process per backend), the same steps in PyTorch and TensorFlow (Python
 * peers in .cache/bench-venv, installed on demand), the wasm kernels' GFLOP/s, and prints a table
 * a person can read followed by one `BENCH_JSON {...}` line a script can compare.
 * `npm run bench -- --help` lists the flags.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { BENCH_CASES, selectCases } from './cases/index.js';
import type { BenchCase, ResultTable, StepMeasurement } from './cases/types.js';
import { mergeRounds } from './merge-rounds.js';
import { BenchOptionsError, type BenchOptions, USAGE, parseBenchOptions } from './options.js';
import { PYTHON_FRAMEWORKS } from './peers/python-env.js';
import { runPeer } from './peers/run-peers.js';
import { benchJsonLine, compareSteps, formatStepTable, targetLines } from './report.js';
import { formatRecords } from './table.js';
import type { WorkerReport } from './worker-report.js';
import { runWorker } from './workers.js';

/** Everything gathered from workers and peers. */
interface Collected {
  steps: StepMeasurement[];
  tables: ResultTable[];
  unavailable: { what: string; reason: string }[];
  /** Threads of the tensorflow backend when it ran, for the all-cores Python comparison. */
  nativeThreads?: number;
}

async function collectWorkers(
  cases: readonly BenchCase[],
  options: BenchOptions,
): Promise<Collected> {
  const collected: Collected = { steps: [], tables: [], unavailable: [] };
  for (const backend of options.backends) {
    const names = cases.filter((c) => c.backends?.includes(backend) ?? true).map((c) => c.name);
    if (names.length === 0) continue;
    process.stderr.write(`${backend} backend: ${names.join(', ')}\n`);
    const timing = backend === 'cpu' ? options.cpuTiming : options.timing;
    const outcome = await runWorker(backend, names, timing);
    if (outcome.report === undefined) {
      collected.unavailable.push({ what: `${backend} backend`, reason: outcome.unavailable ?? '' });
      continue;
    }
    addReport(collected, backend, outcome.report);
    if (backend !== 'tensorflow') continue;
    collected.nativeThreads = outcome.report.backend.threads;
    const oneThread = cases.filter((c) => c.alsoOneThreadOnTensorflow === true);
    if (options.quick || collected.nativeThreads === 1 || oneThread.length === 0) continue;
    process.stderr.write(
      `tensorflow backend, 1 thread: ${oneThread.map((c) => c.name).join(', ')}\n`,
    );
    const single = await runWorker(
      backend,
      oneThread.map((c) => c.name),
      options.timing,
      ONE_TENSORFLOW_THREAD,
    );
    if (single.report === undefined) {
      collected.unavailable.push({
        what: 'tensorflow backend, 1 thread',
        reason: single.unavailable ?? '',
      });
    } else addReport(collected, backend, single.report);
  }
  return collected;
}

/** TensorFlow reads its pools' sizes from these when its context is created. */
const ONE_TENSORFLOW_THREAD = { TF_NUM_INTRAOP_THREADS: '1', TF_NUM_INTEROP_THREADS: '1' };

function addReport(collected: Collected, backend: string, report: WorkerReport): void {
  for (const result of report.results) {
    collected.steps.push(...result.steps);
    collected.tables.push(...result.tables);
  }
  for (const failure of report.failures) {
    collected.unavailable.push({ what: `${failure.name} on ${backend}`, reason: failure.message });
  }
}

async function collectPeers(
  cases: readonly BenchCase[],
  options: BenchOptions,
  collected: Collected,
): Promise<void> {
  const models = cases.filter((c) => c.hasPythonPeer).map((c) => c.name);
  if (models.length === 0) return;
  // Equal threads: 1 for wasm, cpu and tensorflow's one-thread run; tensorflow's own count.
  const threadCounts = [1];
  if (collected.nativeThreads !== undefined && collected.nativeThreads > 1 && !options.quick) {
    threadCounts.push(collected.nativeThreads);
  }
  for (const framework of PYTHON_FRAMEWORKS.filter((f) => options.peers.includes(f.name))) {
    for (const threads of threadCounts) {
      const outcome = await runPeer(framework, {
        models,
        threads,
        timing: options.timing,
        install: options.install,
      });
      collected.steps.push(...outcome.steps);
      if (outcome.unavailable !== undefined) {
        collected.unavailable.push({ what: outcome.label, reason: outcome.unavailable });
      }
    }
  }
}

function printReport(options: BenchOptions, collected: Collected, notes: string[]): void {
  const steps = compareSteps(collected.steps);
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    node: process.version,
    loadAverage: Number(loadavg()[0]!.toFixed(2)),
  };
  console.log(`\ngantry bench — ${machine.cpu}, ${machine.cores} cores, node ${machine.node}`);
  const rounds =
    options.rounds === 1
      ? ''
      : `; each row the median of ${options.rounds} rounds run in turn (tables: the last round)`;
  console.log(
    `median of ${options.timing.repeats} timed steps after ${options.timing.warmup} warm-up${rounds}\n`,
  );
  if (steps.length > 0) console.log(formatStepTable(steps));
  for (const table of collected.tables)
    console.log(`\n${table.title}\n${formatRecords(table.rows)}`);
  const lines = [
    ...targetLines(steps),
    ...collected.unavailable.map((u) => `${u.what}: unavailable: ${u.reason}`),
    ...notes,
  ];
  if (lines.length > 0) console.log(`\n${lines.join('\n')}`);
  console.log(
    benchJsonLine({
      schema: 1,
      date: new Date().toISOString(),
      machine,
      options: {
        only: options.only,
        backends: options.backends,
        peers: options.peers,
        timing: options.timing,
        cpuTiming: options.cpuTiming,
        quick: options.quick,
        rounds: options.rounds,
      },
      steps,
      tables: collected.tables,
      unavailable: collected.unavailable,
    }),
  );
}

/** The rounds as one: each step's median over the rounds, the last round's tables. */
function combine(rounds: readonly Collected[]): Collected {
  const last = rounds[rounds.length - 1]!;
  const unavailable = new Map(
    rounds.flatMap((r) => r.unavailable).map((u) => [`${u.what}: ${u.reason}`, u]),
  );
  return {
    ...last,
    steps: mergeRounds(rounds.map((r) => r.steps)),
    unavailable: [...unavailable.values()],
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(
    process.argv.slice(2),
    BENCH_CASES.map((c) => c.name),
    process.env,
  );
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const { cases, missing } = selectCases(options.only);
  const notes: string[] = [];
  if (missing.length > 0) {
    throw new BenchOptionsError(
      `--only: unknown case ${missing.join(', ')}; use ${BENCH_CASES.map((c) => c.name).join(', ')}`,
    );
  }
  if (!options.backends.includes('cpu')) notes.push('cpu backend: not run (add --backends cpu)');
  const rounds: Collected[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    if (options.rounds > 1) process.stderr.write(`round ${round} of ${options.rounds}\n`);
    const collected = await collectWorkers(cases, options);
    await collectPeers(cases, options, collected);
    rounds.push(collected);
  }
  printReport(options, combine(rounds), notes);
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exitCode = 2;
});
