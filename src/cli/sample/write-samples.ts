import { extname } from 'node:path';
import * as tf from '../../core/backend/tf.js';
import { writeFileAtomic } from '../../core/checkpoint/atomic-file.js';
import { imageGridToPng } from '../../core/summary/image-grid.js';
import { UsageError } from '../usage-error.js';
import { encodeNpy } from './npy.js';

/** The file types `gantry sample --out` writes, by extension. */
export const SAMPLE_FORMATS = ['.png', '.npy', '.json'] as const;

/**
 * Checks `--out` before any work is done.
 *
 * @param out - the output path.
 * @param sampleShape - the shape of one sample; a PNG grid needs images `[H, W, C]`.
 * @throws UsageError for another extension, or a PNG of samples that are not images.
 */
export function checkSampleFormat(out: string, sampleShape: readonly number[]): void {
  const format = extname(out).toLowerCase();
  if (!(SAMPLE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--out ${out} must end in ${SAMPLE_FORMATS.join(', ')}`);
  }
  if (format === '.png' && sampleShape.length !== 3) {
    throw new UsageError(
      `--out ${out}: a PNG grid needs image samples, but these have shape ` +
        `[${sampleShape.join(', ')}]; write .npy or .json instead`,
    );
  }
}

/**
 * Writes samples atomically as the extension of `out` says: `.png` a grid of the images (the
 * generator's tanh range [−1, 1] mapped to [0, 255]), `.npy` a float32 array `[N, ...]`,
 * `.json` nested arrays (one per sample).
 *
 * @param out - the output path (checked by {@link checkSampleFormat}).
 * @param samples - the batch `[N, ...sampleShape]`; not disposed.
 * @returns when the file is durable.
 */
export async function writeSamples(out: string, samples: tf.Tensor): Promise<void> {
  const format = extname(out).toLowerCase();
  let bytes: Uint8Array;
  if (format === '.png') {
    bytes = await imageGridToPng(samples as tf.Tensor4D, { range: [-1, 1] });
  } else if (format === '.npy') {
    bytes = encodeNpy((await samples.data()) as Float32Array, samples.shape);
  } else {
    bytes = Buffer.from(`${JSON.stringify(await samples.array())}\n`, 'utf8');
  }
  await writeFileAtomic(out, [bytes]);
}
