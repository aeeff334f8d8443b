import { readFile } from 'node:fs/promises';
import * as tf from '../../core/backend/tf.js';
import { decodeNpy, NpyError } from '../sample/npy.js';

/** Samples read from a `.npy` file. */
export interface SamplesFile {
  readonly path: string;
  readonly values: Float32Array;
  /** `[N, ...sampleShape]`. */
  readonly shape: readonly number[];
}

/**
 * Reads a `.npy` file of samples as `gantry sample` writes them: float32, `[N, ...]`.
 *
 * @param path - the file.
 * @returns its values and shape.
 * @throws NpyError naming the file when it cannot be read, is not float32 or has no sample axis.
 */
export async function readSamplesFile(path: string): Promise<SamplesFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new NpyError(`cannot read --samples ${path}: ${(error as Error).message}`);
  }
  const { values, shape } = decodeNpy(bytes, path);
  if (shape.length < 2) {
    throw new NpyError(
      `${path} has shape [${shape.join(', ')}]; samples are [N, ...sampleShape] (points [N, 2], ` +
        'digits [N, 28, 28, 1]), as gantry sample writes them',
    );
  }
  return { path, values, shape };
}

/**
 * Checks that the file's samples have the shape the evaluation reads.
 *
 * @param file - the samples.
 * @param sampleShape - the shape of one sample of the dataset.
 * @param dataset - the dataset's name, for the message.
 * @throws NpyError naming the file and both shapes.
 */
export function checkSamplesShape(
  file: SamplesFile,
  sampleShape: readonly number[],
  dataset: string,
): void {
  const shape = file.shape.slice(1);
  if (shape.length !== sampleShape.length || shape.some((size, i) => size !== sampleShape[i])) {
    throw new NpyError(
      `${file.path} holds samples of shape [${shape.join(', ')}], but ${dataset}'s are ` +
        `[${sampleShape.join(', ')}]; give the --dataset these samples imitate`,
    );
  }
}

/**
 * The file's samples as a tensor.
 *
 * @param file - the samples.
 * @returns `[N, ...sampleShape]`; the caller disposes it.
 */
export function samplesTensor(file: SamplesFile): tf.Tensor {
  return tf.tensor(file.values, [...file.shape], 'float32');
}
