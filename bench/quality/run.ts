// `npm run bench:quality`: trains gantry's default presets and measures the quality of their
// samples (gantry issue 8). Not part of `npm test`: each case trains for minutes.
//
//   node --import tsx bench/quality/run.ts [--case grid25|mnist-wgan-gp|mnist-wgan]...
//     [--backend auto|tensorflow|wasm|cpu] [--steps N] [--logdir runs/quality] [--seed 0]
//
// With --backend auto (the default) each case runs on its preset's backend when the preset names
// one (grid25: wasm), as `gantry train` does, and on the auto backend otherwise.
// Prints one table row per case and one JSON line; exits 1 when a case misses its target.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { initBackend, type BackendRequest } from '../../src/core/backend/index.js';
import { silentLogger } from '../../src/core/logger.js';
import { loadDigitClassifier, presetFor, type TrainingPreset } from '../../src/gan/index.js';
import { GRID25_TARGETS, runGrid25 } from './grid25-case.js';
import { runMnist } from './mnist-case.js';

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
    seed: { type: 'string', default: '0' },
  },
});

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const seed = Number(values.seed);
const outcomes: Record<string, CaseOutcome> = {};
for (const name of (values.case ?? [...CASES]).map(checkCase)) {
  outcomes[name] = await runCase(name, join(values.logdir, name));
  log(outcomes[name].row);
}
const all = Object.values(outcomes);
process.stdout.write(`\n${all.map((outcome) => outcome.row).join('\n')}\n`);
const json = Object.fromEntries(Object.entries(outcomes).map(([name, { json }]) => [name, json]));
process.stdout.write(`${JSON.stringify({ bench: 'quality', ...json })}\n`);
process.exitCode = all.every((outcome) => outcome.passed) ? 0 : 1;

async function runCase(name: CaseName, logdir: string): Promise<CaseOutcome> {
  const preset = withSteps(presetOf(name));
  const request = values.backend === 'auto' ? (preset.backend ?? 'auto') : values.backend;
  const backend = await initBackend({ backend: request as BackendRequest, logger: silentLogger });
  log(backend.summary);
  const options = { backend, seed, log };
  log(
    `${name}: ${preset.steps} generator steps, batch ${preset.batchSize}, nCritic ${preset.nCritic}`,
  );
  if (name === 'grid25') {
    const result = await runGrid25(preset, { ...options, logdir });
    const { coverage } = result;
    const row =
      `grid25 wgan-gp    modes ${coverage.modesCovered}/25  high-quality ${pct(coverage.highQualityFraction)}  ` +
      `reverse KL ${coverage.reverseKl.toFixed(4)}  ` +
      `min mode ${pct(coverage.minModeFraction)}  ${seconds(result.wallSeconds)} (target ≤ ${GRID25_TARGETS.wallSeconds} s)  ` +
      `load ${result.loadAverage.toFixed(1)}  plot ${result.plotPath}  ${verdict(result.passed)}`;
    return { row, json: { ...result, steps: preset.steps }, passed: result.passed };
  }
  const classifier = await loadDigitClassifier();
  const classifierAccuracy = classifier.metadata.heldOutAccuracy;
  classifier.dispose();
  const result = await runMnist(preset, { ...options, logdir });
  const { metrics } = result;
  const row =
    `${name.padEnd(17)} FD ${metrics['frechet_distance']!.toFixed(1)}  classes ${result.classesPresent}/10  ` +
    `entropy ${metrics['class_entropy']!.toFixed(3)}  precision ${metrics['precision']!.toFixed(3)}  ` +
    `recall ${metrics['recall']!.toFixed(3)}  ` +
    `${seconds(result.wallSeconds)}  load ${result.loadAverage.toFixed(1)}  grid ${result.gridPath}  ${verdict(result.passed)}`;
  const json = { ...result, steps: preset.steps, classifierAccuracy };
  return { row, json, passed: result.passed };
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
