import type { BackendInfo, BackendName } from '../../src/core/backend/index.js';
import type { TimingOptions } from '../timing.js';

/** Which runtime produced a measurement; ratios compare runtimes at equal thread counts. */
export type Runtime = 'tfjs' | 'pytorch' | 'tensorflow-eager' | 'tensorflow-function';

/**
 * One timed training step (or iteration) of one model in one runtime. The Python peers print
 * the same fields (snake_case), so gantry's rows and theirs go into one table.
 */
export interface StepMeasurement {
  /** The model, e.g. `dcgan` or `mlp`. */
  model: string;
  /** What one call does, e.g. `critic` or `generator`. */
  step: string;
  runtime: Runtime;
  /** The name printed in the table, e.g. `gantry wasm` or `pytorch 2.13.0`. */
  impl: string;
  threads: number;
  /** Samples per call: images for the DCGAN, points for the MLP. */
  batch: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  repeats: number;
  /** `batch` divided by the median step time. */
  samplesPerSecond: number;
}

/** A free-form table a case adds to the report (e.g. GFLOP/s per kernel). */
export interface ResultTable {
  title: string;
  rows: Record<string, string | number | null>[];
}

/** What one case measured on one backend. */
export interface CaseResult {
  steps: StepMeasurement[];
  tables: ResultTable[];
}

/** What a case may rely on when it runs: an initialised backend and the timing settings. */
export interface BenchContext {
  backend: BackendInfo;
  timing: TimingOptions;
}

/**
 * A named benchmark that runs inside one backend's worker process. `--only <name>` selects it.
 */
export interface BenchCase {
  /** Short name used on the command line, e.g. `dcgan`. */
  name: string;
  /** One line for `--help` and the report. */
  description: string;
  /** The backends it is meaningful on; all when omitted. */
  backends?: readonly BackendName[];
  /** Whether the Python peers have the same model (`bench/python/*_peer.py --models <name>`). */
  hasPythonPeer: boolean;
  /**
   * Whether full runs repeat it on the tensorflow backend limited to one thread, so its steps
   * also sit beside the 1-thread Python peers (and not only the all-cores ones).
   */
  alsoOneThreadOnTensorflow?: boolean;
  /**
   * Measures on the backend already initialised in this process.
   *
   * @param context - the backend and timing settings.
   * @returns the measured steps and any extra tables.
   */
  run(context: BenchContext): Promise<CaseResult>;
}
