/**
 * Does tfjs-backend-wasm's multi-threaded SIMD build run under Node, compute what the
 * single-threaded SIMD build computes, and train faster? (gantry issue 19; tfjs issue 3830.)
 *
 * 1. tfjs's own start-up with `WASM_HAS_MULTITHREAD_SUPPORT` forced on: prints the error.
 * 2. The threaded build started by bench/wasm-threads/threaded-wasm-backend.ts, which supplies
 *    what Emscripten's pthread glue needs under Node: its critic gradients on seeded models
 *    against the single-threaded build's (bitwise, else the largest relative difference), and
 *    the wall time per training step of `simd` (the build gantry uses), `threaded` with 1
 *    thread and with `--threads` threads, over `--rounds` rounds of separate processes.
 *
 * Run: `node --import tsx bench/wasm-threads.ts [--rounds 3] [--repeats 5] [--threads 2]`
 * (tables, then one `WASM_THREADS_JSON` line).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { version_wasm } from '@tensorflow/tfjs-backend-wasm';
import { failureReason, readPrefixedJson, runChild } from './process.js';
import { formatTable, type Cell } from './table.js';
import {
  compareVectors,
  medianOverRounds,
  roundOrder,
  type RoundTimes,
  type VectorDifference,
} from './wasm-threads/compare.js';
import {
  GRADIENT_CHECKS,
  gradientFile,
  VARIANT_LINE_PREFIX,
  type GradientCheck,
  type VariantReport,
} from './wasm-threads/variant-report.js';

const VARIANT_SCRIPT = fileURLToPath(new URL('./wasm-threads/variant.ts', import.meta.url));
const VARIANT_TIMEOUT_MS = 10 * 60 * 1000;

/** A build and thread count, as passed to the variant process. */
interface Variant {
  label: string;
  build: 'simd' | 'threaded';
  threads: number;
}

async function runVariant(args: readonly string[]): Promise<VariantReport> {
  const result = await runChild(process.execPath, [...process.execArgv, VARIANT_SCRIPT, ...args], {
    timeoutMs: VARIANT_TIMEOUT_MS,
  });
  const report = readPrefixedJson(result.stdout, VARIANT_LINE_PREFIX) as VariantReport | undefined;
  if (report === undefined) {
    throw new Error(`variant ${args.join(' ')} reported nothing: ${failureReason(result)}`);
  }
  return report;
}

function readGradients(dir: string, check: GradientCheck): Float32Array {
  const bytes = readFileSync(join(dir, gradientFile(check)));
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
}

function differenceText(difference: VectorDifference): string {
  return difference.differing === 0
    ? 'bitwise equal'
    : `${difference.differing} differ, max rel ${difference.maxRelative.toExponential(1)}`;
}

/** Each variant's reports over the rounds, and where it wrote its gradients. */
interface Measured {
  variants: readonly Variant[];
  dumps: ReadonlyMap<string, string>;
  wall: Map<string, RoundTimes[]>;
  cpu: Map<string, RoundTimes[]>;
  /** The last round's report of each variant. */
  reports: Map<string, VariantReport>;
}

/** Runs every variant once per round, in an order rotated each round. */
async function measure(measured: Measured, rounds: number, repeats: number): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (const variant of roundOrder(measured.variants, round)) {
      process.stderr.write(`  round ${round + 1}/${rounds}: ${variant.label}…\n`);
      const report = await runVariant([
        ...['--build', variant.build, '--threads', String(variant.threads)],
        ...['--repeats', String(repeats), '--dump', measured.dumps.get(variant.label)!],
      ]);
      measured.reports.set(variant.label, report);
      measured.wall.get(variant.label)!.push(report.stepMs);
      measured.cpu.get(variant.label)!.push(report.stepCpuMs);
    }
  }
}

/** Each other variant's gradients against the first (single-threaded) variant's. */
function agreementOf(measured: Measured): Record<string, Record<string, VectorDifference>> {
  const [reference, ...others] = measured.variants;
  const read = (variant: Variant, check: GradientCheck): Float32Array =>
    readGradients(measured.dumps.get(variant.label)!, check);
  return Object.fromEntries(
    others.map((variant) => [
      variant.label,
      Object.fromEntries(
        GRADIENT_CHECKS.map((check) => [
          check,
          compareVectors(read(reference!, check), read(variant, check)),
        ]),
      ),
    ]),
  );
}

function positiveIntegers(values: Record<string, string | undefined>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(values).map(([flag, text]) => {
      const value = Number(text);
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`--${flag} must be a positive integer, got ${String(text)}`);
      }
      return [flag, value];
    }),
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '3' },
      repeats: { type: 'string', default: '5' },
      threads: { type: 'string', default: '2' },
    },
  });
  const { rounds, repeats, threads } = positiveIntegers(values);
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores`;
  console.log(`tfjs-backend-wasm ${version_wasm}, Node ${process.version}, ${machine}`);

  const forced = await runVariant(['--build', 'forced-flag']);
  console.log(`\n1. tfjs's own start-up, WASM_HAS_MULTITHREAD_SUPPORT forced: ${forced.error}`);

  const variants: Variant[] = [
    { label: 'simd (1 thread)', build: 'simd', threads: 1 },
    { label: 'threaded, 1 thread', build: 'threaded', threads: 1 },
    { label: `threaded, ${threads} threads`, build: 'threaded', threads: threads! },
  ];
  const perVariant = <T>(make: () => T): Map<string, T> =>
    new Map(variants.map((v) => [v.label, make()]));
  const measured: Measured = {
    variants,
    dumps: perVariant(() => mkdtempSync(join(tmpdir(), 'gantry-wasm-threads-'))),
    wall: perVariant((): RoundTimes[] => []),
    cpu: perVariant((): RoundTimes[] => []),
    reports: new Map(),
  };
  const load = [loadavg()[0]!];
  try {
    await measure(measured, rounds!, repeats!);
    load.push(loadavg()[0]!);
    const agreement = agreementOf(measured);
    printResults(measured, agreement);
    console.log(
      `\nload average (1 min) at start / end: ${load.map((l) => l.toFixed(2)).join(' / ')}`,
    );
    const medians = Object.fromEntries(
      variants.map((v) => [
        v.label,
        {
          wallMs: medianOverRounds(measured.wall.get(v.label)!),
          cpuMs: medianOverRounds(measured.cpu.get(v.label)!),
        },
      ]),
    );
    const json = { version: version_wasm, machine, forcedFlagError: forced.error };
    console.log(
      `WASM_THREADS_JSON ${JSON.stringify({ ...json, rounds, repeats, load, medians, agreement })}`,
    );
  } finally {
    for (const dir of measured.dumps.values()) rmSync(dir, { recursive: true, force: true });
  }
}

function printResults(
  measured: Measured,
  agreement: Record<string, Record<string, VectorDifference>>,
): void {
  const { variants, reports } = measured;
  const base = medianOverRounds(measured.wall.get(variants[0]!.label)!);
  const steps = Object.keys(base);
  const rows: Cell[][] = variants.map((v) => {
    const wall = medianOverRounds(measured.wall.get(v.label)!);
    const cpu = medianOverRounds(measured.cpu.get(v.label)!);
    const report = reports.get(v.label)!;
    return [
      v.label,
      report.threads,
      report.startMs.toFixed(0),
      ...steps.flatMap((step) => [
        wall[step]!.toFixed(1),
        `${(base[step]! / wall[step]!).toFixed(2)}×`,
        cpu[step]!.toFixed(1),
      ]),
      report.leakFree ? 'yes' : 'NO',
    ];
  });
  const header = [
    'build',
    'threads',
    'start ms',
    ...steps.flatMap((step) => [`${step} ms`, 'speed-up', 'cpu ms']),
    'leak-free',
  ];
  console.log(
    '\n2. the threaded build under Node: wall and CPU (all threads) ms per critic step, ' +
      'medians over rounds',
  );
  console.log(formatTable(header, rows));
  console.log('\ncritic gradients on seeded models, against simd (1 thread)');
  console.log(
    formatTable(
      ['build', ...GRADIENT_CHECKS],
      Object.entries(agreement).map(([label, checks]) => [
        label,
        ...GRADIENT_CHECKS.map((check) => differenceText(checks[check]!)),
      ]),
    ),
  );
}

await main();
