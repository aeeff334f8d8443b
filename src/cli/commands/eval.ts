import { Command, Option } from 'commander';
import { initBackend } from '../../core/backend/init-backend.js';
import type * as tf from '../../core/backend/tf.js';
import { consoleLogger, type Logger } from '../../core/logger.js';
import { createDataset } from '../../gan/data/create-dataset.js';
import type { Evaluator } from '../../gan/evaluation/evaluator.js';
import { evaluatorFor, type EvaluatorForOptions } from '../../gan/evaluation/evaluator-for.js';
import { generatorSamples } from '../../gan/evaluation/generator-samples.js';
import { restoreGenerator } from '../../gan/export/restore-generator.js';
import type { CheckpointLocation } from '../checkpoint/locate-checkpoint.js';
import { parseIntegerFlag } from '../config/flag-value.js';
import { BACKEND_NAMES } from '../config/train-options.js';
import { formatEvalReport, type EvalReport } from '../eval/eval-report.js';
import { checkSamplesShape, readSamplesFile, samplesTensor } from '../eval/samples-file.js';
import { openSavedRun } from '../sample/open-saved-run.js';
import { UsageError } from '../usage-error.js';

/** The options of `gantry eval`. */
export interface EvalOptions extends CheckpointLocation {
  /** A `.npy` file of samples to score instead of a run's generator. */
  samples?: string;
  /** The dataset the samples imitate (with `--samples`; a run names its own). */
  dataset?: string;
  /** How many samples to draw from the generator. */
  n: number;
  /** Seeds the generator's noise. */
  seed: number;
  /** False with `--no-ema`: score the raw weights even when the run kept moving averages. */
  ema: boolean;
  /** KID subsets (torch-fidelity's 100 by default); 0 skips the KID, the costliest metric. */
  kidSubsets: number;
  /** The backend with `--samples` (a run uses its own). */
  backend?: (typeof BACKEND_NAMES)[number];
  json?: boolean;
}

/**
 * `gantry eval`: scores a run's generator (`--n` samples of a checkpoint, the moving-average
 * weights when the run kept them) or a `.npy` file of samples against the real data — the
 * Fréchet distance, KID, precision/recall, density/coverage and class coverage on the digit
 * classifier's features for MNIST, the modes for ring8 and grid25 — and prints a table, or with
 * `--json` one JSON object. Bad input fails before anything is computed or cached.
 *
 * @example
 * ```sh
 * gantry eval --logdir runs/mnist --checkpoint best --n 10000 --json
 * gantry sample --logdir runs/grid25 --n 2500 --out points.npy && gantry eval --samples points.npy --dataset grid25
 * ```
 * @returns the `eval` command, ready to add to the program.
 */
export function evalCommand(): Command {
  return new Command('eval')
    .description("score a run's generator, or a .npy file of samples, against the real data")
    .option('--logdir <DIR>', "the run's folder (its checkpoints and config.json)")
    .option(
      '--checkpoint <WHICH>',
      'latest (default), best, a generator step N, or a checkpoint file',
    )
    .option(
      '--samples <FILE.npy>',
      'score these samples (float32 [N, ...], as gantry sample writes)',
    )
    .option(
      '--dataset <NAME|PATH>',
      'the data the samples imitate (mnist, ring8, ...): with --samples, or a --logdir run that records none',
    )
    .addOption(
      new Option('--n <N>', 'samples to draw from the generator')
        .argParser((raw) => parseIntegerFlag('--n', raw, 1))
        .default(10000),
    )
    .addOption(
      new Option('--seed <S>', 'seed of the noise')
        .argParser((raw) => parseIntegerFlag('--seed', raw, 0))
        .default(0),
    )
    .option('--no-ema', 'score the raw weights, not their moving average')
    .addOption(
      new Option('--kid-subsets <K>', 'subsets of 1,000 the KID averages over; 0: no KID')
        .argParser((raw) => parseIntegerFlag('--kid-subsets', raw, 0))
        .default(100),
    )
    .addOption(
      new Option('--backend <NAME>', 'with --samples: the backend (a run uses its own)').choices(
        BACKEND_NAMES,
      ),
    )
    .option('--json', 'print one JSON object instead of a table')
    .action(async (options: EvalOptions) => {
      const report = await evaluateRequest(options, consoleLogger);
      process.stdout.write(
        options.json === true ? `${JSON.stringify(report)}\n` : formatEvalReport(report),
      );
    });
}

/**
 * Runs `gantry eval`.
 *
 * @param options - what to score.
 * @param logger - where start-up and reference-statistics lines go.
 * @returns the report.
 * @throws UsageError for a bad combination of options; NpyError for a samples file of the
 *   wrong format, dtype or shape; NoExtractorError for a dataset nothing can score;
 *   SampleCountError for fewer samples than the metrics need.
 */
export async function evaluateRequest(options: EvalOptions, logger: Logger): Promise<EvalReport> {
  if (options.samples === undefined) return evaluateRun(options, logger);
  if (options.logdir !== undefined || options.checkpoint !== undefined) {
    throw new UsageError('give --samples FILE.npy or --logdir DIR, not both');
  }
  if (options.dataset === undefined) {
    throw new UsageError('--samples needs --dataset NAME, the data the samples imitate');
  }
  const file = await readSamplesFile(options.samples);
  await initBackend({ backend: options.backend ?? 'auto', logger });
  const [, side, , channels] = file.shape;
  const dataset = await createDataset(options.dataset, {
    seed: 0,
    logger,
    ...(file.shape.length === 4 ? { imageSize: side, channels: channels as 1 | 3 } : {}),
  });
  const evaluator = await evaluatorFor(dataset, evaluatorOptions(options, logger));
  try {
    checkSamplesShape(file, evaluator.sampleShape, dataset.name);
    const samples = samplesTensor(file);
    try {
      const metrics = await score(evaluator, samples);
      return report(dataset.name, evaluator, file.shape[0]!, file.path, metrics);
    } finally {
      samples.dispose();
    }
  } finally {
    evaluator.dispose();
  }
}

async function evaluateRun(options: EvalOptions, logger: Logger): Promise<EvalReport> {
  const { path, manifest, generator, noiseShape, config } = await openSavedRun(options, logger);
  try {
    const name = options.dataset ?? config?.dataset;
    if (name === undefined) {
      throw new UsageError(
        `${path} records no dataset (a run made through the library API); pass --dataset NAME`,
      );
    }
    const dataset = await createDataset(name, {
      seed: 0,
      logger,
      imageSize: config?.imageSize ?? 28,
      channels: config?.channels ?? 1,
    });
    const evaluator = await evaluatorFor(dataset, evaluatorOptions(options, logger));
    try {
      const restored = await restoreGenerator(generator, path, { useAverage: options.ema });
      const source = generatorSamples((z) => generator.predict(z) as tf.Tensor, {
        count: options.n,
        noiseSize: noiseShape[0] ?? 0,
        seed: options.seed,
      });
      const metrics = await score(evaluator, source);
      return {
        ...report(dataset.name, evaluator, options.n, path, metrics),
        generatorStep: manifest.steps.generator ?? restored.steps.generator ?? 0,
        movingAverage: restored.averaged.length > 0,
      };
    } finally {
      evaluator.dispose();
    }
  } finally {
    generator.dispose();
  }
}

function evaluatorOptions(options: EvalOptions, logger: Logger): EvaluatorForOptions {
  const kid = options.kidSubsets === 0 ? false : { numSubsets: options.kidSubsets };
  return { logger, image: { kid } };
}

function score(evaluator: Evaluator, samples: Parameters<Evaluator['take']>[0]) {
  return evaluator.take(samples).score();
}

function report(
  dataset: string,
  evaluator: Evaluator,
  samples: number,
  source: string,
  metrics: EvalReport['metrics'],
): EvalReport {
  return { dataset, extractor: evaluator.extractor, samples, source, metrics };
}
