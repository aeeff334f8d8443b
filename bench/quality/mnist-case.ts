import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackendInfo } from '../../src/core/backend/index.js';
import type * as tf from '../../src/core/backend/tf.js';
import { imageGridToPng } from '../../src/core/summary/index.js';
import {
  evaluate,
  evaluatorFor,
  mnist,
  type MetricValues,
  type TrainingPreset,
} from '../../src/gan/index.js';
import { averagedSamples } from './averaged-samples.js';
import { trainPreset } from './train-preset.js';

/** Generated digits scored per quality run, as `gantry eval` scores them by default. */
const SAMPLE_COUNT = 10_000;

/**
 * The targets for an MNIST preset on any seed (gantry issue 19): all ten digits, and a Fréchet
 * distance on the digit classifier's features below that of the held-out real digits blurred by
 * a 5×5 box filter (104.1 in `npm run bench:ranking`), within 10 CPU-minutes of training.
 */
export const MNIST_TARGETS = {
  classesPresent: 10,
  frechetDistance: 100,
  cpuSeconds: 600,
} as const;

/** What an MNIST quality run measured. */
export interface MnistResult {
  /** `gantry eval`'s metrics of {@link SAMPLE_COUNT} samples of the averaged generator. */
  readonly metrics: MetricValues;
  readonly classesPresent: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly loadAverage: number;
  readonly backend: string;
  /** The 8×8 grid of samples to look at. */
  readonly gridPath: string;
  /** Whether every target of {@link MNIST_TARGETS} was met. */
  readonly passed: boolean;
}

/**
 * Trains an MNIST preset, then scores 10,000 samples of the averaged generator as `gantry eval`
 * does (the digit classifier's features and classes) and writes an 8×8 grid of samples to
 * `<logdir>/samples/final.png`.
 *
 * @param preset - the preset under test (`presetFor({ dataset: 'mnist', loss })`).
 * @param options - backend, logdir, seed and log sink.
 * @returns the metrics, time, grid path and verdict.
 */
export async function runMnist(
  preset: TrainingPreset,
  options: { backend: BackendInfo; logdir: string; seed: number; log: (line: string) => void },
): Promise<MnistResult> {
  const run = await trainPreset({ ...options, preset, dataset: mnist(options.seed) });
  const samples = averagedSamples(run.trainer.generator, run.average, {
    count: SAMPLE_COUNT,
    latentDim: preset.model.noiseSize,
    seed: options.seed + 1_000_000,
    chunk: 100,
  });
  const evaluator = await evaluatorFor(mnist(0), {
    logger: { info: options.log, warn: options.log },
  });
  const metrics = await evaluate(evaluator, samples);
  evaluator.dispose();
  const gridPath = join(options.logdir, 'samples', 'final.png');
  await mkdir(join(options.logdir, 'samples'), { recursive: true });
  const firstRows = samples.slice(0, 64) as tf.Tensor4D;
  await writeFile(gridPath, await imageGridToPng(firstRows, { columns: 8, range: [-1, 1] }));
  firstRows.dispose();
  samples.dispose();
  const classesPresent = metrics['classes_present']!;
  return {
    metrics,
    classesPresent,
    wallSeconds: run.wallSeconds,
    cpuSeconds: run.cpuSeconds,
    loadAverage: run.loadAverage,
    backend: run.backend.summary,
    gridPath,
    passed:
      classesPresent >= MNIST_TARGETS.classesPresent &&
      metrics['frechet_distance']! <= MNIST_TARGETS.frechetDistance &&
      run.cpuSeconds <= MNIST_TARGETS.cpuSeconds,
  };
}
