import { Command, Option } from 'commander';
import * as tf from '../../core/backend/tf.js';
import { consoleLogger, type Logger } from '../../core/logger.js';
import { parseIntegerFlag } from '../config/flag-value.js';
import { restoreGenerator } from '../../gan/export/restore-generator.js';
import { GENERATOR_OPTION, type SavedRunLocation } from '../sample/generator-recipe.js';
import { openSavedRun } from '../sample/open-saved-run.js';
import { checkSampleFormat, writeSamples } from '../sample/write-samples.js';

/** The options of `gantry sample`. */
export interface SampleOptions extends SavedRunLocation {
  n: number;
  out: string;
  /** False with `--no-ema`: use the raw weights even when the run kept moving averages. */
  ema: boolean;
  seed: number;
}

// Bounds the memory of one forward pass when many samples are asked for.
const PREDICT_BATCH = 256;

/**
 * `gantry sample`: rebuilds a run's generator (from the topology its checkpoint records, an
 * older run's config, or `--generator FILE`), loads a checkpoint's weights
 * (the moving averages when the run kept them, unless `--no-ema`) and writes `--n` samples from
 * seeded noise: a PNG grid of images, or the raw samples as `.npy` (float32 `[N, ...]`) or
 * `.json` (one array per sample) — the 2-D toys included.
 *
 * @example
 * ```sh
 * gantry sample --logdir runs/mnist --n 64 --out digits.png
 * gantry sample --logdir runs/grid25 --n 2500 --out points.npy --seed 1
 * ```
 * @returns the `sample` command, ready to add to the program.
 */
export function sampleCommand(): Command {
  return new Command('sample')
    .description("write samples of a run's generator (PNG grid, .npy or .json)")
    .option('--logdir <DIR>', "the run's folder (its latest checkpoint)")
    .option(
      '--checkpoint <WHICH>',
      'latest (default), best, a generator step N, or a checkpoint file',
    )
    .option('--generator <FILE>', GENERATOR_OPTION)
    .requiredOption('--n <N>', 'how many samples', (raw) => parseIntegerFlag('--n', raw, 1))
    .requiredOption('--out <FILE>', 'FILE.png (image grid), FILE.npy or FILE.json')
    .option('--no-ema', 'use the raw weights, not their moving average')
    .addOption(
      new Option('--seed <S>', 'seed of the noise')
        .argParser((raw) => parseIntegerFlag('--seed', raw, 0))
        .default(0),
    )
    .action(async (options: SampleOptions) => {
      await sample(options, consoleLogger);
    });
}

/**
 * Runs `gantry sample`.
 *
 * @param options - where the checkpoint is, how many samples, where they go.
 * @param logger - where the summary line goes.
 * @returns when the file is written.
 */
export async function sample(options: SampleOptions, logger: Logger): Promise<void> {
  const { path, manifest, generator, noiseShape, sampleShape } = await openSavedRun(
    options,
    logger,
  );
  try {
    checkSampleFormat(options.out, sampleShape);
    const restored = await restoreGenerator(generator, path, { useAverage: options.ema });
    const samples = tf.tidy(() => {
      const z = tf.randomNormal([options.n, ...noiseShape], 0, 1, 'float32', options.seed);
      return generator.predict(z, { batchSize: PREDICT_BATCH }) as tf.Tensor;
    });
    try {
      await writeSamples(options.out, samples);
    } finally {
      samples.dispose();
    }
    logger.info(
      `wrote ${options.n} samples [${samples.shape.slice(1).join(', ')}] to ${options.out} from ` +
        `${path} (generator step ${manifest.steps.generator ?? '?'}, ` +
        `${restored.averaged.length > 0 ? 'moving-average weights' : 'raw weights'})`,
    );
  } finally {
    generator.dispose();
  }
}
