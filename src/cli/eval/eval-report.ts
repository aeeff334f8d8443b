import type { MetricValues } from '../../gan/evaluation/evaluator.js';

/** What `gantry eval --json` prints: one JSON object. */
export interface EvalReport {
  /** The dataset the samples were compared with. */
  dataset: string;
  /** The extractor's name (`digit-classifier`) or the protocol's (`mode-coverage`). */
  extractor: string;
  /** How many samples were scored. */
  samples: number;
  /** Where they came from: the `.npy` file, or the checkpoint. */
  source: string;
  /** The checkpoint's generator step, when the samples came from one. */
  generatorStep?: number;
  /** Whether the checkpoint's moving-average weights made them. */
  movingAverage?: boolean;
  /** Every metric, by name. */
  metrics: MetricValues;
}

/**
 * The report as a table a person reads: a line saying what was scored, then one metric a line.
 *
 * @param report - what was measured.
 * @returns the text, ending in a newline.
 */
export function formatEvalReport(report: EvalReport): string {
  const from =
    report.generatorStep === undefined
      ? report.source
      : `${report.source} (generator step ${report.generatorStep}, ` +
        `${report.movingAverage === true ? 'moving-average' : 'raw'} weights)`;
  const names = Object.keys(report.metrics);
  const width = Math.max(6, ...names.map((name) => name.length));
  const lines = [
    `${report.samples} samples of ${from} against ${report.dataset}, by ${report.extractor}`,
    `${'metric'.padEnd(width)}  value`,
    ...names.map((name) => `${name.padEnd(width)}  ${formatValue(report.metrics[name]!)}`),
  ];
  return `${lines.join('\n')}\n`;
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(4);
}
