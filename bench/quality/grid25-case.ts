import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendInfo } from '../../src/core/backend/index.js';
import {
  assessModeCoverage,
  grid25,
  type ModeCoverage,
  type TrainingPreset,
} from '../../src/gan/index.js';
import { averagedSamples } from './averaged-samples.js';
import { scatterPng } from './scatter-png.js';
import { trainPreset } from './train-preset.js';

/**
 * The targets for grid25 on any seed (gantry issue 19): every mode, 95% of the samples within 3σ
 * of one, no mode starved, within 5 CPU-minutes of training.
 */
export const GRID25_TARGETS = {
  modesCovered: 25,
  highQualityFraction: 0.95,
  minModeFraction: 0.01,
  cpuSeconds: 300,
} as const;

/** What the grid25 quality run measured. */
export interface Grid25Result {
  readonly coverage: ModeCoverage;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly loadAverage: number;
  readonly backend: string;
  /** The scatter plot of the scored samples. */
  readonly plotPath: string;
  /** Whether every target of {@link GRID25_TARGETS} was met. */
  readonly passed: boolean;
}

/**
 * Trains the grid25 preset and scores 2,500 samples of the averaged generator by the VEEGAN /
 * PacGAN protocol (`assessModeCoverage`); plots them to `<logdir>/samples/final.png`.
 *
 * @param preset - the preset under test (normally `presetFor({ dataset: 'grid25', loss: 'wgan-gp' })`).
 * @param options - backend, logdir, seed and log sink.
 * @returns the measured coverage, time and verdict.
 */
export async function runGrid25(
  preset: TrainingPreset,
  options: { backend: BackendInfo; logdir: string; seed: number; log: (line: string) => void },
): Promise<Grid25Result> {
  const dataset = grid25(options.seed);
  const run = await trainPreset({ ...options, preset, dataset });
  const samples = averagedSamples(run.trainer.generator, run.average, {
    count: 2500,
    latentDim: preset.model.noiseSize,
    seed: options.seed + 1_000_000,
  });
  const points = samples.arraySync() as number[][];
  samples.dispose();
  const coverage = assessModeCoverage(points, dataset.means, dataset.std);
  const plotPath = join(options.logdir, 'samples', 'final.png');
  await mkdir(join(options.logdir, 'samples'), { recursive: true });
  await writeFile(plotPath, await scatterPng(points, dataset.means, dataset.std));
  const passed =
    coverage.modesCovered >= GRID25_TARGETS.modesCovered &&
    coverage.highQualityFraction >= GRID25_TARGETS.highQualityFraction &&
    coverage.minModeFraction >= GRID25_TARGETS.minModeFraction &&
    run.cpuSeconds <= GRID25_TARGETS.cpuSeconds;
  return {
    coverage,
    wallSeconds: run.wallSeconds,
    cpuSeconds: run.cpuSeconds,
    loadAverage: run.loadAverage,
    backend: run.backend.summary,
    plotPath,
    passed,
  };
}
