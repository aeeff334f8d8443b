/**
 * Per-kernel CPU time on wasm, shared by bench/profile-step.ts and bench/profile-grid25.ts:
 * every kernel registered for wasm wrapped in a timer, and the table of where a step's time went.
 */
import * as tf from '../src/core/backend/tf.js';
import { formatTable, type Cell } from './table.js';

/** Rows below this share of the step are summed into one "(other kernels)" row. */
export const MIN_SHARE = 0.002;

/** Calls and exclusive CPU milliseconds of one kernel over the profiled steps. */
export interface KernelTotal {
  calls: number;
  ms: number;
}

/**
 * CPU time of this process (all threads) in milliseconds.
 *
 * @returns user + system time since the process started.
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function shapesOf(inputs: tf.NamedTensorInfoMap): string {
  return Object.values(inputs)
    .map((info) => (info === undefined ? '' : info.shape.join('×')))
    .join(', ');
}

/**
 * Wraps every kernel registered for wasm in a timer that adds its exclusive CPU time to
 * `totals`, keyed by kernel name (and input shapes when `byShape`).
 *
 * @param totals - filled in as kernels run; clear it to start a new measurement.
 * @param byShape - key rows by kernel and input shapes instead of kernel alone.
 * @returns a function that puts the unwrapped kernels back.
 */
export function instrumentWasmKernels(
  totals: Map<string, KernelTotal>,
  byShape: boolean,
): () => void {
  const originals = tf.getKernelsForBackend('wasm');
  const nested: number[] = [];
  for (const config of originals) {
    const inner = config.kernelFunc;
    const kernelFunc: tf.KernelFunc = (args) => {
      nested.push(0);
      const start = cpuMs();
      const out = inner(args);
      const elapsed = cpuMs() - start;
      const inside = nested.pop()!;
      if (nested.length > 0) nested[nested.length - 1]! += elapsed;
      const key = byShape ? `${config.kernelName} ${shapesOf(args.inputs)}` : config.kernelName;
      const total = totals.get(key) ?? { calls: 0, ms: 0 };
      totals.set(key, { calls: total.calls + 1, ms: total.ms + elapsed - inside });
      return out;
    };
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel({ ...config, kernelFunc });
  }
  return () => {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, 'wasm');
      tf.registerKernel(config);
    }
  };
}

/**
 * The per-kernel table: one row per kernel above {@link MIN_SHARE}, then the small kernels,
 * the time outside kernels and the whole step, all per step.
 *
 * @param totals - per-kernel totals over `repeats` steps.
 * @param stepMs - CPU time of those steps.
 * @param repeats - how many steps the totals cover.
 * @returns the formatted table.
 */
export function kernelTable(
  totals: ReadonlyMap<string, KernelTotal>,
  stepMs: number,
  repeats: number,
): string {
  const rows = [...totals.entries()].sort((a, b) => b[1].ms - a[1].ms);
  const big = rows.filter(([, t]) => t.ms >= MIN_SHARE * stepMs);
  const msOf = (list: typeof rows): number => list.reduce((sum, [, t]) => sum + t.ms, 0);
  const line = (name: string, calls: number | null, ms: number): Cell[] => [
    name,
    calls === null ? null : calls / repeats,
    (ms / repeats).toFixed(2),
    `${((100 * ms) / stepMs).toFixed(1)}%`,
  ];
  return formatTable(
    ['kernel', 'calls/step', 'ms/step', 'share'],
    [
      ...big.map(([name, t]) => line(name, t.calls, t.ms)),
      line('(other kernels)', null, msOf(rows) - msOf(big)),
      line('(outside kernels)', null, stepMs - msOf(rows)),
      line('(step)', null, stepMs),
    ],
  );
}
