import type { ResultTable, Runtime, StepMeasurement } from './cases/types.js';
import { formatTable, type Cell } from './table.js';

/** A measurement with its time relative to the Python frameworks' at equal threads. */
export interface ComparedStep extends StepMeasurement {
  /** This step's median ÷ PyTorch's for the same model, step and threads; null without one. */
  vsPytorch: number | null;
  /** This step's median ÷ TensorFlow `tf.function`'s; null without one. */
  vsTfFunction: number | null;
}

/** The goal: wasm within this factor of PyTorch's step time at equal threads. */
export const WASM_TARGET_RATIO = 3;

const RUNTIME_ORDER: readonly Runtime[] = [
  'tfjs',
  'pytorch',
  'tensorflow-eager',
  'tensorflow-function',
];

/**
 * Puts every measurement next to the PyTorch and TensorFlow `tf.function` measurement of the
 * same model, step and thread count, and sorts them for the table (model, step, threads,
 * gantry first).
 *
 * @param steps - measurements from all workers and peers.
 * @returns the same measurements with ratios, sorted.
 */
export function compareSteps(steps: readonly StepMeasurement[]): ComparedStep[] {
  const find = (of: StepMeasurement, runtime: Runtime): StepMeasurement | undefined =>
    steps.find(
      (s) =>
        s.runtime === runtime &&
        s.model === of.model &&
        s.step === of.step &&
        s.threads === of.threads,
    );
  const ratio = (of: StepMeasurement, runtime: Runtime): number | null => {
    const peer = find(of, runtime);
    return peer === undefined ? null : of.medianMs / peer.medianMs;
  };
  const models = [...new Set(steps.map((s) => s.model))];
  return steps
    .map((s) => ({
      ...s,
      vsPytorch: ratio(s, 'pytorch'),
      vsTfFunction: ratio(s, 'tensorflow-function'),
    }))
    .sort(
      (a, b) =>
        models.indexOf(a.model) - models.indexOf(b.model) ||
        a.step.localeCompare(b.step) ||
        a.threads - b.threads ||
        RUNTIME_ORDER.indexOf(a.runtime) - RUNTIME_ORDER.indexOf(b.runtime) ||
        a.impl.localeCompare(b.impl),
    );
}

/**
 * The main table: one line per model, step and implementation, with ms per step (median and
 * range), samples per second and the ratios to PyTorch and TensorFlow.
 *
 * @param steps - compared measurements, in order.
 * @returns the table text.
 */
export function formatStepTable(steps: readonly ComparedStep[]): string {
  const header = [
    'model',
    'step',
    'implementation',
    'threads',
    'batch',
    'ms/step',
    'min–max ms',
    'samples/s',
    '÷ pytorch',
    '÷ tf.function',
  ];
  const rows: Cell[][] = steps.map((s) => [
    s.model,
    s.step,
    s.impl,
    s.threads,
    s.batch,
    formatMs(s.medianMs),
    `${formatMs(s.minMs)}–${formatMs(s.maxMs)}`,
    Math.round(s.samplesPerSecond),
    formatRatio(s.vsPytorch),
    formatRatio(s.vsTfFunction),
  ]);
  return formatTable(header, rows);
}

/**
 * The compiled-step goals (gantry issue 16): a compiled step within these factors of PyTorch's
 * and of TensorFlow `tf.function`'s at equal threads.
 */
export const COMPILED_TARGET_RATIOS = { pytorch: 0.75, tfFunction: 1.1 } as const;

/**
 * One line per goal a step has a peer for, saying whether it is met: wasm steps within
 * {@link WASM_TARGET_RATIO}× of PyTorch, compiled tensorflow steps within
 * {@link COMPILED_TARGET_RATIOS} of PyTorch and of `tf.function`, each at equal threads.
 *
 * @param steps - compared measurements.
 * @returns the lines; empty when no such step has a peer.
 */
export function targetLines(steps: readonly ComparedStep[]): string[] {
  const line = (s: ComparedStep, goal: string, ratio: number | null, limit: number): string[] =>
    ratio === null
      ? []
      : [
          `target ${goal} (${s.threads} thread${s.threads === 1 ? '' : 's'}): ` +
            `${s.model} ${s.step} ${formatRatio(ratio)} — ${ratio <= limit ? 'met' : 'not met'}`,
        ];
  return steps.flatMap((s) => {
    if (s.impl === 'gantry wasm') {
      return line(s, `wasm ≤ ${WASM_TARGET_RATIO}× pytorch`, s.vsPytorch, WASM_TARGET_RATIO);
    }
    if (s.impl !== 'gantry tensorflow compiled') return [];
    const { pytorch, tfFunction } = COMPILED_TARGET_RATIOS;
    return [
      ...line(s, `compiled ≤ ${pytorch}× pytorch`, s.vsPytorch, pytorch),
      ...line(s, `compiled ≤ ${tfFunction}× tf.function`, s.vsTfFunction, tfFunction),
    ];
  });
}

/** Everything the `BENCH_JSON` line carries. */
export interface BenchJson {
  schema: 1;
  date: string;
  machine: Record<string, string | number>;
  options: Record<string, unknown>;
  steps: ComparedStep[];
  tables: ResultTable[];
  unavailable: { what: string; reason: string }[];
}

/**
 * The one line a script compares runs by: `BENCH_JSON ` followed by compact JSON.
 *
 * @param report - the run's results.
 * @returns the line, without a trailing newline.
 */
export function benchJsonLine(report: BenchJson): string {
  return `BENCH_JSON ${JSON.stringify(report)}`;
}

function formatMs(ms: number): string {
  return ms.toFixed(ms < 10 ? 2 : ms < 100 ? 1 : 0);
}

function formatRatio(ratio: number | null): string | null {
  return ratio === null ? null : `${ratio.toFixed(2)}×`;
}
