/**
 * The registry of benchmark cases `npm run bench` knows; `--only a,b` picks among their names.
 *
 * To add a case, write a {@link BenchCase} in its own file here and append it to
 * {@link BENCH_CASES}. The harness runs it in one worker process per backend it lists (after
 * `initBackend`), prints its step rows in the main table and its tables below it, and adds
 * both to the `BENCH_JSON` line.
 *
 * Cases whose code lives in a script that also runs alone (bench/kernels.ts,
 * bench/framework-overhead.ts, bench/replica-scaling.ts, bench/all-reduce-transports.ts, bench/summary-throughput.ts,
 * bench/evaluation-cost.ts) import it
 * lazily, so that one of them failing to load costs only its own case.
 */
import { wganCriticStep, wganGpCriticStep } from '../steps/wgan-steps.js';
import { dcgan, mlpGan } from '../../src/gan/models/index.js';
import { allReduceCase } from './all-reduce-case.js';
import { compiledStepCase } from './compiled-step-case.js';
import { evaluationCase } from './evaluation-case.js';
import { ganStepCase } from './gan-step-case.js';
import { frameworkOverheadCase } from './framework-overhead-case.js';
import { kernelTableCase } from './kernel-table.js';
import { replicaScalingCase } from './replica-scaling-case.js';
import { summaryCase } from './summary-case.js';
import type { BenchCase } from './types.js';

/** Every registered case, in the order the report lists them. */
export const BENCH_CASES: readonly BenchCase[] = [
  ganStepCase({
    name: 'dcgan',
    description: 'WGAN (weight clipping) on the 28×28 DCGAN, batch 64, RMSProp',
    models: () => dcgan({ generatorBatchNorm: false }),
    batch: 64,
    criticStep: wganCriticStep,
  }),
  ganStepCase({
    name: 'mlp',
    description: 'WGAN-GP on the 2-D MLP (3×512 hidden), batch 256, RMSProp',
    models: () => mlpGan(),
    batch: 256,
    criticStep: wganGpCriticStep,
  }),
  compiledStepCase,
  kernelTableCase,
  frameworkOverheadCase,
  replicaScalingCase,
  allReduceCase,
  summaryCase,
  evaluationCase,
];

/**
 * Looks cases up by name.
 *
 * @param names - case names; unknown ones are returned in `missing`.
 * @returns the registered cases in registry order, and the names that matched none.
 */
export function selectCases(names: readonly string[]): { cases: BenchCase[]; missing: string[] } {
  const cases = BENCH_CASES.filter((c) => names.includes(c.name));
  const missing = names.filter((name) => !BENCH_CASES.some((c) => c.name === name));
  return { cases, missing };
}
