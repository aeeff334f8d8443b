import { join } from 'node:path';
import type { StepMeasurement } from '../cases/types.js';
import { failureReason, readPrefixedJson, runChild } from '../process.js';
import type { TimingOptions } from '../timing.js';
import { PEER_LINE_PREFIX, parsePeerReport } from './peer-report.js';
import { REPO_ROOT, preparePython, type PythonFramework } from './python-env.js';

/** One peer run: its steps, or why the column is missing. */
export interface PeerOutcome {
  /** e.g. `pytorch, 1 thread`. */
  label: string;
  steps: StepMeasurement[];
  unavailable?: string;
}

/** Options of {@link runPeer}. */
export interface PeerRunOptions {
  models: readonly string[];
  threads: number;
  timing: TimingOptions;
  /** Whether pip may install the framework into the venv. */
  install: boolean;
}

/**
 * Runs one Python peer (installing its framework first when needed) and reads its report.
 *
 * @param framework - which peer.
 * @param options - models, threads, timing and whether to install.
 * @returns its measurements, or the reason it could not run.
 */
export async function runPeer(
  framework: PythonFramework,
  options: PeerRunOptions,
): Promise<PeerOutcome> {
  const label = `${framework.name}, ${options.threads} thread${options.threads === 1 ? '' : 's'}`;
  const status = await preparePython(framework, options.install);
  if ('unavailable' in status) return { label, steps: [], unavailable: status.unavailable };
  process.stderr.write(`  ${label}: ${options.models.join(', ')}…\n`);
  const result = await runChild(status.python, [
    join(REPO_ROOT, 'bench', 'python', framework.script),
    '--models',
    options.models.join(','),
    '--threads',
    String(options.threads),
    '--warmup',
    String(options.timing.warmup),
    '--repeats',
    String(options.timing.repeats),
  ]);
  try {
    const json = readPrefixedJson(result.stdout, PEER_LINE_PREFIX);
    if (result.code !== 0 || json === undefined) {
      return { label, steps: [], unavailable: failureReason(result) };
    }
    return { label, steps: parsePeerReport(json).steps };
  } catch (error) {
    return {
      label,
      steps: [],
      unavailable: error instanceof Error ? error.message : String(error),
    };
  }
}
