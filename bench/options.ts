import { parseArgs } from 'node:util';
import type { BackendName } from '../src/core/backend/index.js';
import type { TimingOptions } from './timing.js';

/** What `npm run bench` was asked to do. */
export interface BenchOptions {
  /** Case names (`--only`). */
  only: string[];
  /** tfjs backends, each in its own worker process (`--backends`). */
  backends: BackendName[];
  /** Python peers to run (`--peers`); empty for none. */
  peers: ('pytorch' | 'tensorflow')[];
  timing: TimingOptions;
  /** Timing for the plain-JavaScript cpu backend, whose DCGAN step takes minutes. */
  cpuTiming: TimingOptions;
  quick: boolean;
  /**
   * How many times every worker and peer runs, one after the other (`--rounds`); each step's
   * result is then the median over the rounds, so a slow moment of the machine hits one round.
   */
  rounds: number;
  /** Whether pip may install missing frameworks into the venv (`--no-install` turns it off). */
  install: boolean;
  help: boolean;
}

/** A command-line flag has a value the harness cannot use. */
export class BenchOptionsError extends Error {
  override readonly name = 'BenchOptionsError';
}

/** The `--help` text. */
export const USAGE = `usage: npm run bench -- [options]
  --only a,b          cases to run (default: every registered case)
  --backends a,b      tfjs backends: wasm, tensorflow, cpu (default: wasm,tensorflow;
                      cpu is plain JavaScript and takes minutes per DCGAN step)
  --peers a,b         Python peers: pytorch, tensorflow, none (default: pytorch,tensorflow)
  --repeats N         timed calls per step (default 10, --quick 3, cpu 1)
  --warmup N          untimed calls per step, at least 1 (default 3, --quick 1)
  --quick             fewer calls, and no all-cores Python runs
  --rounds N          run every worker and peer N times in turn, each step's result the
                      median over the rounds (default 1)
  --no-install        do not pip-install missing Python frameworks into .cache/bench-venv
  --help              this text`;

const BACKENDS: readonly BackendName[] = ['wasm', 'tensorflow', 'cpu'];
const PEERS = ['pytorch', 'tensorflow'] as const;

/**
 * Parses the harness's command line.
 *
 * @param argv - arguments after the script name.
 * @param caseNames - the registered cases, the default for `--only`.
 * @param env - the environment: `npm run bench --quick` (without `--`) reaches the script only
 *   as `npm_config_quick=true`, which counts as `--quick`.
 * @returns the options.
 * @throws BenchOptionsError naming the flag whose value is wrong.
 */
export function parseBenchOptions(
  argv: readonly string[],
  caseNames: readonly string[],
  env: NodeJS.ProcessEnv = {},
): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      backends: { type: 'string', default: 'wasm,tensorflow' },
      peers: { type: 'string', default: PEERS.join(',') },
      repeats: { type: 'string' },
      warmup: { type: 'string' },
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'no-install': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  const quick = values.quick || env['npm_config_quick'] === 'true';
  const repeats = count('--repeats', values.repeats, quick ? 3 : 10, 1);
  const warmup = count('--warmup', values.warmup, quick ? 1 : 3, 1);
  const peers = list(values.peers);
  return {
    only: values.only === undefined ? [...caseNames] : list(values.only),
    backends: oneOf('--backends', list(values.backends), BACKENDS),
    peers: peers.includes('none') ? [] : oneOf('--peers', peers, PEERS),
    timing: { warmup, repeats },
    cpuTiming: { warmup: 1, repeats: values.repeats === undefined ? 1 : repeats },
    quick,
    rounds: count('--rounds', values.rounds, 1, 1),
    install: !values['no-install'],
    help: values.help,
  };
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function oneOf<T extends string>(flag: string, items: string[], allowed: readonly T[]): T[] {
  const wrong = items.filter((item) => !(allowed as readonly string[]).includes(item));
  if (wrong.length > 0) {
    throw new BenchOptionsError(`${flag}: unknown ${wrong.join(', ')}; use ${allowed.join(', ')}`);
  }
  return items as T[];
}

function count(flag: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new BenchOptionsError(`${flag} must be an integer ≥ ${min}, got "${value}"`);
  }
  return n;
}
