// `npm run bench:quality`: trains gantry's default presets and measures the quality of their
// samples (gantry issues 8 and 19). Not part of `npm test`: each case trains for minutes.
//
//   node --import tsx bench/quality/run.ts [--case grid25|mnist-wgan-gp|mnist-wgan]...
//     [--seeds 2,3,4] [--backend auto|tensorflow|wasm|cpu] [--steps N] [--logdir runs/quality]
//
// Every case trains once per seed and reports every seed, never only the best one: the presets
// were tuned on seeds 0 and 1, and a preset's claim is what it does on the seeds nobody tuned on.
// With --backend auto (the default) each case runs where `gantry train` would: tensorflow with
// compiled updates when the binding is installed, else wasm; on tensorflow with the preset's
// threads (grid25: 1) when it names them — TensorFlow's threads are fixed by the first case of
// the process, and each row's backend line says how many it had.
// Prints one table row per case and seed and one JSON line; exits 1 when any row misses its
// target. Budgets are CPU seconds of training (every thread counted), which other jobs on the
// machine hardly stretch; the wall time and load average are printed beside them.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, type BackendRequest } from '../../src/core/backend/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { loadDigitClassifier, presetFor, type TrainingPreset } from '../../src/gan/index.js';
import { GRID25_TARGETS, runGrid25 } from './grid25-case.js';
import { MNIST_TARGETS, runMnist } from './mnist-case.js';

const CASES = ['grid25', 'mnist-wgan-gp', 'mnist-wgan'] as const;
type CaseName = (typeof CASES)[number];

interface CaseOutcome {
  row: string;
  json: object;
  passed: boolean;
}

const { values } = parseArgs({
  options: {
    case: { type: 'string', multiple: true },
    backend: { type: 'string', default: 'auto' },
    steps: { type: 'string' },
    logdir: { type: 'string', default: 'runs/quality' },
    seeds: { type: 'string', default: '2,3,4' },
  },
});

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const seeds = parseSeeds(values.seeds);
const outcomes: CaseOutcome[] = [];
const results: Record<string, Record<string, object>> = {};
for (const name of (values.case ?? [...CASES]).map(checkCase)) {
  for (const seed of seeds) {
    const outcome = await runCase(name, seed, join(values.logdir, name, `seed-${seed}`));
    log(outcome.row);
    outcomes.push(outcome);
    (results[name] ??= {})[String(seed)] = outcome.json;
  }
}
process.stdout.write(`\n${outcomes.map((outcome) => outcome.row).join('\n')}\n`);
process.stdout.write(`${JSON.stringify({ bench: 'quality', seeds, ...results })}\n`);
process.exitCode = outcomes.every((outcome) => outcome.passed) ? 0 : 1;

async function runCase(name: CaseName, seed: number, logdir: string): Promise<CaseOutcome> {
  const preset = withSteps(presetOf(name));
  const backend = await initBackend({
    backend: values.backend as BackendRequest,
    logger: silentLogger,
    ...(preset.threads === undefined ? {} : { threads: preset.threads }),
  });
  log(backend.summary);
  const options = { backend, seed, log };
  log(
    `${name} seed ${seed}: ${preset.steps} generator steps, batch ${preset.batchSize}, nCritic ${preset.nCritic}`,
  );
  if (name === 'grid25') {
    const result = await runGrid25(preset, { ...options, logdir });
    const { coverage } = result;
    const row =
      `grid25 wgan-gp     seed ${seed}  modes ${coverage.modesCovered}/25  high-quality ${pct(coverage.highQualityFraction)}  ` +
      `reverse KL ${coverage.reverseKl.toFixed(4)}  min mode ${pct(coverage.minModeFraction)}  ` +
      `cpu ${seconds(result.cpuSeconds)} (target ≤ ${GRID25_TARGETS.cpuSeconds} s)  wall ${seconds(result.wallSeconds)}  ` +
      `load ${result.loadAverage.toFixed(1)}  plot ${result.plotPath}  ${verdict(result.passed)}`;
    return { row, json: { ...result, steps: preset.steps }, passed: result.passed };
  }
  const classifier = await loadDigitClassifier();
  const classifierAccuracy = classifier.metadata.heldOutAccuracy;
  classifier.dispose();
  const result = await runMnist(preset, { ...options, logdir });
  const { metrics } = result;
  const row =
    `${name.padEnd(18)} seed ${seed}  FD ${metrics['frechet_distance']!.toFixed(1)} (target ≤ ${MNIST_TARGETS.frechetDistance})  ` +
    `classes ${result.classesPresent}/10  entropy ${metrics['class_entropy']!.toFixed(3)}  ` +
    `precision ${metrics['precision']!.toFixed(3)}  recall ${metrics['recall']!.toFixed(3)}  ` +
    `cpu ${seconds(result.cpuSeconds)} (target ≤ ${MNIST_TARGETS.cpuSeconds} s)  wall ${seconds(result.wallSeconds)}  ` +
    `load ${result.loadAverage.toFixed(1)}  grid ${result.gridPath}  ${verdict(result.passed)}`;
  const json = { ...result, steps: preset.steps, classifierAccuracy };
  return { row, json, passed: result.passed };
}

function parseSeeds(list: string): number[] {
  const parsed = list.split(',').map((part) => Number(part.trim()));
  const bad = parsed.findIndex((value) => !Number.isSafeInteger(value) || value < 0);
  if (parsed.length === 0 || bad !== -1) {
    throw new Error(
      `bench:quality: --seeds must be non-negative integers separated by commas, got ${list}`,
    );
  }
  return parsed;
}

function presetOf(name: CaseName): TrainingPreset {
  if (name === 'grid25') return presetFor({ dataset: 'grid25', loss: 'wgan-gp' });
  return presetFor({ dataset: 'mnist', loss: name === 'mnist-wgan' ? 'wgan' : 'wgan-gp' });
}

function withSteps(preset: TrainingPreset): TrainingPreset {
  return values.steps === undefined ? preset : { ...preset, steps: Number(values.steps) };
}

function checkCase(name: string): CaseName {
  if ((CASES as readonly string[]).includes(name)) return name as CaseName;
  throw new Error(`bench:quality: unknown --case ${name}; use one of ${CASES.join(', ')}`);
}

function pct(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

function seconds(value: number): string {
  return `${value.toFixed(0)} s`;
}

function verdict(passed: boolean): string {
  return passed ? 'PASS' : 'FAIL';
}
