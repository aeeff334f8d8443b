import { Command } from 'commander';
import { dirname, join } from 'node:path';
import { consoleLogger, type Logger } from '../../core/logger.js';
import { exportGenerator } from '../../gan/export/export-generator.js';
import { restoreGenerator } from '../../gan/export/restore-generator.js';
import { GENERATOR_OPTION } from '../sample/generator-recipe.js';
import { openSavedRun } from '../sample/open-saved-run.js';

/** The options of `gantry export`. */
export interface ExportRequest {
  /** The run folder: its latest checkpoint (and an older run's `config.json`). */
  logdir?: string;
  /** A checkpoint file instead of the latest. */
  checkpoint?: string;
  /** A model.json to build the generator from, for a checkpoint that records no topology. */
  generator?: string;
  /** Where to write the model; default `<logdir>/export`. */
  out?: string;
  /** Export the moving-average weights when the checkpoint has them. */
  average: boolean;
  /** Write `index.html` and `tf.min.js`. */
  page: boolean;
}

/**
 * `gantry export`: writes a run's generator (its moving-average weights when the run kept them)
 * as a TensorFlow.js LayersModel folder, with a page that draws samples in a browser.
 *
 * @example
 * ```sh
 * gantry export --logdir runs/ring8                 # → runs/ring8/export/{model.json,weights.bin,index.html}
 * gantry export --logdir runs/wgan --checkpoint runs/wgan/checkpoints/ckpt-500.safetensors --out site
 * ```
 * @returns the `export` command, ready to add to the program.
 */
export function exportCommand(): Command {
  return new Command('export')
    .description(
      'export the generator of a run (EMA weights when present) as a TensorFlow.js model ' +
        'folder (model.json + weights.bin) with an index.html that draws samples',
    )
    .option('--logdir <DIR>', "the run's folder (its latest checkpoint)")
    .option(
      '--checkpoint <WHICH>',
      'latest (default), best, a generator step N, or a checkpoint file',
    )
    .option('--generator <FILE>', GENERATOR_OPTION)
    .option('--out <DIR>', 'where to write the model (default: <logdir>/export)')
    .option('--no-average', 'export the raw weights even when the run kept moving averages')
    .option('--no-page', 'write only model.json and weights.bin')
    .action(async (options: ExportRequest) => {
      await runExport(options, consoleLogger);
    });
}

/**
 * Rebuilds the run's generator (as `gantry sample` does), loads a checkpoint
 * into it and exports it.
 *
 * @param request - the command's options.
 * @param logger - where the result is reported.
 * @returns the folder written.
 * @throws UsageError when neither a logdir nor a checkpoint is given, or nothing describes the generator;
 *   CheckpointError when the run has no checkpoint; ExportError when the checkpoint does not
 *   match the rebuilt generator.
 */
export async function runExport(request: ExportRequest, logger: Logger): Promise<string> {
  const { path, manifest, generator } = await openSavedRun(request, logger);
  try {
    const restored = await restoreGenerator(generator, path, { useAverage: request.average });
    const out = request.out ?? join(request.logdir ?? dirname(dirname(path)), 'export');
    const written = await exportGenerator(generator, out, { page: request.page });
    const weights = restored.averaged.length > 0 ? 'moving-average weights' : 'raw weights';
    logger.info(
      `exported the generator (${weights}) of ${path} (generator step ` +
        `${manifest.steps.generator ?? '?'}) to ${written.modelPath}` +
        (written.pagePath === undefined ? '' : `; serve ${out} over HTTP and open index.html`),
    );
    return out;
  } finally {
    generator.dispose();
  }
}
