/**
 * What one evaluation of generated MNIST digits costs (gantry issue 18): the DCGAN generator of
 * the MNIST preset and the shipped digit classifier on the device, then every metric, as
 * `gantry eval --n 10000` computes them and as `gantry train --eval-every` does for its 2,000
 * samples; and the reference statistics of the 10,000 real digits, computed once per dataset.
 * The generator is freshly initialised: a trained one costs the same.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tf from '../src/core/backend/tf.js';
import { TRAINING_EVALUATION } from '../src/cli/train/run-evaluation.js';
import {
  evaluatorFor,
  generatorSamples,
  mnist,
  presetFor,
  presetModels,
  type Evaluator,
  type ImageEvaluatorOptions,
} from '../src/gan/index.js';

/** The seconds one evaluation took, by part. */
export interface EvaluationCost {
  readonly what: string;
  readonly samples: number;
  /** Generator and extractor, the part a training run waits for. */
  readonly deviceSeconds: number;
  /** Reading back and computing the metrics (deferred work in a training run). */
  readonly metricSeconds: number;
}

/** What {@link runEvaluationBenchmark} measured. */
export interface EvaluationBenchmark {
  /** The reference set of the 10,000 digits: features and statistics, computed once. */
  readonly referenceSeconds: number;
  readonly evaluations: readonly EvaluationCost[];
}

/**
 * Times the reference statistics once, then one `gantry eval` evaluation of 10,000 samples and
 * one training-hook evaluation of 2,000, on the backend already initialised.
 *
 * @returns the times.
 */
export async function runEvaluationBenchmark(): Promise<EvaluationBenchmark> {
  const preset = presetFor({ dataset: 'mnist', loss: 'wgan-gp' });
  const { generator, critic, noiseSize } = presetModels(preset, 0);
  critic.dispose();
  const cacheDirectory = await mkdtemp(join(tmpdir(), 'gantry-bench-eval-'));
  const generate = (z: tf.Tensor2D): tf.Tensor => generator.predict(z) as tf.Tensor;
  const measure = async (
    what: string,
    samples: number,
    image: ImageEvaluatorOptions,
  ): Promise<EvaluationCost> => {
    const evaluator = await evaluatorFor(mnist(0), { cacheDirectory, image });
    try {
      const start = performance.now();
      const pending = evaluator.take(
        generatorSamples(generate, { count: samples, noiseSize, seed: 0 }),
      );
      const taken = performance.now();
      await pending.score();
      const end = performance.now();
      return {
        what,
        samples,
        deviceSeconds: (taken - start) / 1000,
        metricSeconds: (end - taken) / 1000,
      };
    } finally {
      evaluator.dispose();
    }
  };
  try {
    const referenceSeconds = await timeReference(
      await evaluatorFor(mnist(0), { cacheDirectory }),
      generate,
      noiseSize,
    );
    const evaluations = [
      await measure('gantry eval (KID 100 subsets)', 10_000, {}),
      await measure('gantry train --eval-every (KID 10 subsets)', 2000, TRAINING_EVALUATION),
    ];
    return { referenceSeconds, evaluations };
  } finally {
    generator.dispose();
    await rm(cacheDirectory, { recursive: true, force: true });
  }
}

/** Scores a handful of samples with an empty cache, which computes the reference set. */
async function timeReference(
  evaluator: Evaluator,
  generate: (z: tf.Tensor2D) => tf.Tensor,
  noiseSize: number,
): Promise<number> {
  try {
    const pending = evaluator.take(generatorSamples(generate, { count: 100, noiseSize, seed: 0 }));
    const start = performance.now();
    await pending.score();
    return (performance.now() - start) / 1000;
  } finally {
    evaluator.dispose();
  }
}
