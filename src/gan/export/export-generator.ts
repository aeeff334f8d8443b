import * as tf from '../../core/backend/tf.js';
import type { GanModel } from '../gan-model.js';
import type { ShadowedAverager } from '../run-state/run-variables.js';
import type { GeneratorAverager } from '../generator-averager.js';
import { ExportError } from './export-error.js';
import { writeExportPage } from './export-page.js';
import { MODEL_FILE, writeModelDirectory } from './model-directory.js';

/** Options of {@link exportGenerator}. */
export interface ExportGeneratorOptions {
  /**
   * The run's moving average of the generator's weights: where it has a shadow for a weight,
   * the shadow's value is exported instead of the weight's (as evaluating with EMA weights does).
   */
  average?: GeneratorAverager;
  /** Write `index.html` and `tf.min.js` to draw samples in a browser; default true. */
  page?: boolean;
}

/** What {@link exportGenerator} wrote. */
export interface ExportedGenerator {
  /** The `model.json` that `tf.loadLayersModel` loads. */
  readonly modelPath: string;
  /** Names of the weights exported from moving-average shadows. */
  readonly averaged: readonly string[];
  /** The sample page, when written. */
  readonly pagePath?: string;
}

/**
 * Exports a generator as a TensorFlow.js LayersModel folder — `model.json` and `weights.bin`,
 * which `tf.loadLayersModel` loads in Node (with `modelDirectory(folder)`) and in a browser
 * (over HTTP) — plus an `index.html` that loads it with a copy of `tf.min.js` and draws samples:
 * a grid of images for image generators, a scatter plot for 2-D points. With a moving average,
 * its shadows are exported in place of the weights they average; the model itself is unchanged.
 *
 * @example
 * ```ts
 * await exportGenerator(trainer.generator, 'runs/wgan/export', { average: ema });
 * const copy = await tf.loadLayersModel(modelDirectory('runs/wgan/export'));
 * ```
 * @param generator - a `LayersModel`, or a `GanModel` built from one.
 * @param directory - the folder to write, created when missing.
 * @param options - the moving average and whether to write the page.
 * @returns the paths written and which weights came from shadows.
 * @throws ExportError when the generator is not a LayersModel.
 */
export async function exportGenerator(
  generator: GanModel | tf.LayersModel,
  directory: string,
  options: ExportGeneratorOptions = {},
): Promise<ExportedGenerator> {
  const model = layersModelOf(generator);
  const replacements = shadowsByName(model, options.average);
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((captured) => {
      artifacts = captured;
      return Promise.resolve({
        modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' },
      });
    }),
  );
  if (artifacts === undefined) throw new ExportError('exportGenerator: the model saved nothing');
  const written = await replaceWeights(artifacts, replacements);
  await writeModelDirectory(directory, written);
  const pagePath =
    options.page === false ? undefined : await writeExportPage(directory, model.outputs[0]?.shape);
  return {
    modelPath: `${directory}/${MODEL_FILE}`,
    averaged: [...replacements.keys()].sort(),
    ...(pagePath === undefined ? {} : { pagePath }),
  };
}

function layersModelOf(generator: GanModel | tf.LayersModel): tf.LayersModel {
  if (generator instanceof tf.LayersModel) return generator;
  if (generator.layersModel !== undefined) return generator.layersModel;
  throw new ExportError(
    `exportGenerator: ${generator.name} is not a tfjs LayersModel (it was built with ` +
      'fromFunction), so it cannot be saved as model.json; build it with tf.sequential or ' +
      'tf.model and pass it through fromLayersModel',
  );
}

function shadowsByName(
  model: tf.LayersModel,
  average: GeneratorAverager | undefined,
): Map<string, tf.Variable> {
  const shadows = new Map<string, tf.Variable>();
  const lookup = (average as Partial<ShadowedAverager> | undefined)?.average;
  if (average === undefined) return shadows;
  if (typeof lookup !== 'function') {
    throw new ExportError(
      'exportGenerator: the average has no average(variable) to read its shadows from; ' +
        'pass an ExponentialMovingAverage',
    );
  }
  for (const weight of model.weights) {
    const shadow = lookup.call(average, weight.read() as tf.Variable);
    if (shadow !== undefined) shadows.set(weight.originalName, shadow);
  }
  return shadows;
}

async function replaceWeights(
  artifacts: tf.io.ModelArtifacts,
  replacements: ReadonlyMap<string, tf.Tensor>,
): Promise<tf.io.ModelArtifacts> {
  const { weightData, weightSpecs } = artifacts;
  if (replacements.size === 0 || weightData === undefined || weightSpecs === undefined) {
    return artifacts;
  }
  const decoded = tf.io.decodeWeights(weightData, weightSpecs);
  try {
    const named = weightSpecs.map((spec) => ({
      name: spec.name,
      tensor: replacements.get(spec.name) ?? (decoded[spec.name] as tf.Tensor),
    }));
    const { data, specs } = await tf.io.encodeWeights(named);
    return { ...artifacts, weightData: data, weightSpecs: specs };
  } finally {
    tf.dispose(Object.values(decoded));
  }
}
