import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '../../src/core/backend/tf.js';
import type { DigitClassifierMetadata } from '../../src/gan/metrics/extractors/digit-classifier.js';
import { toFloat16 } from './float16.js';

/**
 * Writes a trained model as a standard tfjs folder — `model.json` (topology, a weights
 * manifest, the metadata) and `weights.bin` — with every float32 weight at half precision
 * (`quantization: { dtype: 'float16' }`, which `tf.loadLayersModel` decodes), so
 * `tf.loadLayersModel('file://.../model.json')` reads it too.
 *
 * @param model - the trained classifier.
 * @param directory - where the two files go.
 * @param metadata - how it was trained and how it scored.
 * @returns the size of `weights.bin` in bytes.
 */
export async function saveHalfPrecisionModel(
  model: tf.LayersModel,
  directory: string,
  metadata: DigitClassifierMetadata,
): Promise<number> {
  const specs: tf.io.WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  for (const weight of model.weights) {
    const values = weight.read().dataSync() as Float32Array;
    const halves = toFloat16(values);
    parts.push(new Uint8Array(halves.buffer));
    specs.push({
      name: weight.originalName,
      shape: weight.shape as number[],
      dtype: 'float32',
      quantization: { dtype: 'float16' },
    });
  }
  const weights = Buffer.concat(parts);
  const json = {
    format: 'layers-model',
    generatedBy: `TensorFlow.js tfjs-layers v${tf.version_layers}`,
    convertedBy: 'gantry scripts/digit-classifier (float16 weights)',
    modelTopology: model.toJSON(undefined, false),
    weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    userDefinedMetadata: metadata,
  };
  await mkdir(directory, { recursive: true });
  await writeFile(join(directory, 'weights.bin'), weights);
  await writeFile(join(directory, 'model.json'), `${JSON.stringify(json)}\n`);
  return weights.byteLength;
}
