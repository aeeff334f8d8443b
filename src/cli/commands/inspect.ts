import { Command } from 'commander';
import { readCheckpointFile } from '../../core/checkpoint/checkpoint-file.js';
import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import { savedTraceCounts, type TraceCounts } from '../../gan/run-state/compiled-traces.js';
import { locateCheckpoint, type CheckpointLocation } from '../checkpoint/locate-checkpoint.js';

/** What `gantry inspect --json` prints: one JSON object. */
export interface InspectReport {
  checkpoint: string;
  gantryVersion: string;
  formatVersion: number;
  createdAt: string;
  /** Global steps by name (`critic`, `generator`). */
  steps: Record<string, number>;
  /** Every saved tensor, sorted by name. */
  variables: { name: string; shape: number[]; dtype: string }[];
  /** The run's resolved config, as saved with the checkpoint. */
  config: CheckpointManifest['config'];
  /**
   * How many times each update was traced into a TensorFlow function over the run, resumes
   * included (0 for eager updates); `null` when the checkpoint predates the count.
   */
  compiledTraces: TraceCounts | null;
}

/**
 * `gantry inspect`: shows what a checkpoint holds — its steps, every variable's name, shape and
 * dtype, how often the updates were traced, and the run's config — after verifying the whole
 * file.
 *
 * @example
 * ```sh
 * gantry inspect --logdir runs/wgan --json | jq '.steps'
 * ```
 * @returns the `inspect` command, ready to add to the program.
 */
export function inspectCommand(): Command {
  return new Command('inspect')
    .description(
      "show a checkpoint's steps, variables (name, shape, dtype), compiled traces and config",
    )
    .option('--logdir <DIR>', "a run's folder: inspect its latest checkpoint")
    .option(
      '--checkpoint <WHICH>',
      'latest (default), a generator step N, or a file (.safetensors)',
    )
    .option('--json', 'print one JSON object instead of a table')
    .action(async (options: CheckpointLocation & { json?: boolean }) => {
      const report = await inspectCheckpoint(locateCheckpoint(options));
      process.stdout.write(
        options.json === true ? `${JSON.stringify(report)}\n` : describe(report),
      );
    });
}

/**
 * Reads and verifies a checkpoint and summarises it.
 *
 * @param path - the checkpoint file.
 * @returns the report `gantry inspect --json` prints.
 */
export async function inspectCheckpoint(path: string): Promise<InspectReport> {
  const { manifest } = await readCheckpointFile(path);
  return {
    checkpoint: path,
    gantryVersion: manifest.gantryVersion,
    formatVersion: manifest.formatVersion,
    createdAt: manifest.createdAt,
    steps: manifest.steps,
    variables: Object.entries(manifest.variables)
      .map(([name, v]) => ({ name, shape: v.shape, dtype: v.dtype }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    config: manifest.config,
    compiledTraces: savedTraceCounts(manifest.extraState['compiled_traces']) ?? null,
  };
}

function describe(report: InspectReport): string {
  const width = Math.max(...report.variables.map((v) => v.name.length), 4);
  const lines = [
    `checkpoint ${report.checkpoint} (format ${report.formatVersion}, gantry ` +
      `${report.gantryVersion}, ${report.createdAt})`,
    `steps: ${Object.entries(report.steps)
      .map(([name, value]) => `${name} ${value}`)
      .join(', ')}`,
    `variables (${report.variables.length}):`,
    ...report.variables.map(
      (v) => `  ${v.name.padEnd(width)}  ${v.dtype.padEnd(7)}  [${v.shape.join(', ')}]`,
    ),
    ...describeTraces(report),
    ...describeInitialisation(report.config),
    ...describeTopology(report.config),
    `config: ${JSON.stringify(withoutTopology(report.config), null, 2)}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The trace counts, with the execution the run was configured with. */
function describeTraces({ compiledTraces, config }: InspectReport): string[] {
  if (compiledTraces === null) return [];
  const execution = (config as { execution?: unknown } | null)?.execution;
  const counts =
    compiledTraces.critic + compiledTraces.generator === 0
      ? 'none'
      : `critic ${compiledTraces.critic}, generator ${compiledTraces.generator}`;
  return [
    `compiled traces: ${counts}${typeof execution === 'string' ? ` (execution ${execution})` : ''}`,
  ];
}

/** The networks' initialisation the trainer recorded, with a warning for an unseeded one. */
function describeInitialisation(config: InspectReport['config']): string[] {
  const recorded = (config as { initialisation?: unknown } | null)?.initialisation;
  if (typeof recorded !== 'object' || recorded === null) return [];
  const entries = Object.entries(recorded as Record<string, unknown>);
  const line = entries.map(([name, how]) => `${name} ${String(how)}`).join(', ');
  const repeatable = entries.every(([, how]) => how === 'seeded');
  return [
    `initialisation: ${line}${repeatable ? '' : ' (not drawn from a seed: the run cannot be repeated exactly)'}`,
  ];
}

/**
 * The generator's recorded topology in one line: its JSON runs to hundreds of lines, which the
 * table leaves to `--json`.
 */
function describeTopology(config: InspectReport['config']): string[] {
  const recorded = (config as { topology?: { generator?: unknown } } | null)?.topology;
  if (typeof recorded !== 'object' || recorded === null) return [];
  if (recorded.generator === null) {
    return [
      'generator topology: none (made with fromFunction; gantry sample and export need ' +
        '--generator FILE)',
    ];
  }
  const { class_name: kind, config: model } = (recorded.generator ?? {}) as {
    class_name?: unknown;
    config?: { layers?: unknown };
  };
  const layers = Array.isArray(model?.layers) ? `${model.layers.length} layers` : 'layers';
  return [`generator topology: ${String(kind)} of ${layers} (gantry inspect --json shows it)`];
}

function withoutTopology(config: InspectReport['config']): InspectReport['config'] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return config;
  return Object.fromEntries(Object.entries(config).filter(([key]) => key !== 'topology'));
}
