import { mkdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import * as tf from '../../core/backend/tf.js';
import { writeFileAtomic } from '../../core/checkpoint/atomic-file.js';

/** The file names a model folder holds, as `tf.loadLayersModel('<url>/model.json')` expects. */
export const MODEL_FILE = 'model.json';
/** The one weights file of a model folder, listed in `model.json`'s `weightsManifest`. */
export const WEIGHTS_FILE = 'weights.bin';

/**
 * Writes model artifacts into a folder as TensorFlow.js's `file://` and `http` handlers lay
 * them out: `model.json` (topology and weights manifest) and one `weights.bin`, each written
 * atomically. Works on every backend (tfjs-node's `file://` handler needs the native binding).
 *
 * @param directory - the folder, created when missing.
 * @param artifacts - what `model.save` hands its handler.
 * @returns the save result tfjs expects.
 */
export async function writeModelDirectory(
  directory: string,
  artifacts: tf.io.ModelArtifacts,
): Promise<tf.io.SaveResult> {
  if (artifacts.modelTopology === undefined || artifacts.weightSpecs === undefined) {
    throw new TypeError('writeModelDirectory: the artifacts have no topology or weight specs');
  }
  const weights = new Uint8Array(
    artifacts.weightData === undefined
      ? new ArrayBuffer(0)
      : tf.io.CompositeArrayBuffer.join(artifacts.weightData),
  );
  const modelJson: tf.io.ModelJSON = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
    ...(artifacts.trainingConfig === undefined ? {} : { trainingConfig: artifacts.trainingConfig }),
  };
  await mkdir(directory, { recursive: true });
  // Weights first: a model.json only ever names a complete weights file.
  await writeFileAtomic(join(directory, WEIGHTS_FILE), [weights]);
  const json = new TextEncoder().encode(JSON.stringify(modelJson));
  await writeFileAtomic(join(directory, MODEL_FILE), [json]);
  return {
    modelArtifactsInfo: {
      dateSaved: new Date(),
      modelTopologyType: 'JSON',
      modelTopologyBytes: json.byteLength,
      weightSpecsBytes: JSON.stringify(artifacts.weightSpecs).length,
      weightDataBytes: weights.byteLength,
    },
  };
}

/**
 * A tfjs load handler over a model folder on disk, for `tf.loadLayersModel` in Node on any
 * backend (the browser loads the same folder over HTTP).
 *
 * @example
 * ```ts
 * const generator = await tf.loadLayersModel(modelDirectory('runs/wgan/export'));
 * ```
 * @param directory - a folder with `model.json` and the weight files it lists.
 * @returns the handler.
 */
export function modelDirectory(directory: string): tf.io.IOHandler {
  return {
    load: async () => {
      const text = await readFile(join(directory, MODEL_FILE), 'utf8');
      const modelJson = JSON.parse(text) as tf.io.ModelJSON;
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = await Promise.all(
          manifest.flatMap((group) => group.paths).map((path) => readFile(inside(directory, path))),
        );
        const data = Buffer.concat(buffers);
        const copy = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
        return [specs, copy as ArrayBuffer];
      });
    },
  };
}

function inside(directory: string, path: string): string {
  if (basename(path) !== path || path === '..') {
    throw new TypeError(
      `modelDirectory: model.json in ${directory} lists weights file ${JSON.stringify(path)}, ` +
        'which is not a plain file name in that folder; re-export the model',
    );
  }
  return join(directory, path);
}
