/**
 * Turns image tensors into PNG bytes (via sharp) and reads a PNG's size from its header.
 */
import sharp from 'sharp';
import * as tf from '../backend/tf.js';
import { SummaryError } from './errors.js';

/**
 * The range an image tensor's values lie in: `[0, 1]`, `[-1, 1]` (a tanh generator's output),
 * or `'auto'`, which takes `[-1, 1]` when any value is negative and `[0, 1]` otherwise. Give the
 * range explicitly for a tanh generator: a `[-1, 1]` image that happens to have no negative
 * values would otherwise be shown too bright.
 */
export type ImageRange = 'auto' | [0, 1] | [-1, 1];

/** Pixels as 8-bit values, row-major, channels interleaved. */
export interface RawImage {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 3 | 4;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * Converts image values to 8-bit pixels, clipping to the range first.
 *
 * @param images - a `[H, W, C]` image or a `[N, H, W, C]` batch, with C 1, 3 or 4.
 * @param range - the range of the values.
 * @returns the pixels, in the tensor's element order.
 */
export async function toUint8Pixels(images: tf.Tensor, range: ImageRange): Promise<Uint8Array> {
  const signed = range === 'auto' ? (await minimum(images)) < 0 : range[0] === -1;
  const pixels = tf.tidy(() => {
    const values = images.toFloat();
    const unit = signed ? values.add(1).div(2) : values;
    return unit.clipByValue(0, 1).mul(255).round().toInt();
  });
  try {
    return Uint8Array.from(await pixels.data());
  } finally {
    pixels.dispose();
  }
}

async function minimum(images: tf.Tensor): Promise<number> {
  const min = images.min();
  try {
    return (await min.data())[0];
  } finally {
    min.dispose();
  }
}

/**
 * Encodes 8-bit pixels as a PNG.
 *
 * @param image - the pixels and their layout.
 * @returns the PNG bytes.
 */
export async function rawToPng(image: RawImage): Promise<Buffer> {
  const { width, height, channels } = image;
  const pixels = sharp(image.data, { raw: { width, height, channels } });
  // sharp would otherwise widen one channel to sRGB; a grey PNG is a third of the size.
  return (channels === 1 ? pixels.toColourspace('b-w') : pixels).png().toBuffer();
}

/**
 * Encodes an image tensor as a PNG.
 *
 * @example
 * ```ts
 * const png = await imageToPng(generatorOutput.squeeze([0]) as tf.Tensor3D, { range: [-1, 1] });
 * ```
 * @param image - a `[H, W, C]` tensor with C 1 (grey), 3 (RGB) or 4 (RGBA).
 * @param options - the range of its values; default `'auto'`.
 * @returns the PNG bytes.
 * @throws SummaryError when the tensor is not `[H, W, C]` with C 1, 3 or 4.
 */
export async function imageToPng(
  image: tf.Tensor3D,
  options: { range?: ImageRange } = {},
): Promise<Buffer> {
  if (image.rank !== 3) {
    throw new SummaryError(
      `image: expected a [H, W, C] tensor, got shape [${image.shape.join(', ')}]; ` +
        'use imageGrid for a batch.',
    );
  }
  const [height, width, channels] = image.shape;
  const data = await toUint8Pixels(image, options.range ?? 'auto');
  return rawToPng({ data, width, height, channels: checkChannels(channels, image.shape) });
}

/**
 * Checks that an image has 1, 3 or 4 channels.
 *
 * @param channels - the size of the last dimension.
 * @param shape - the whole shape, named in the error.
 * @returns the channel count.
 * @throws SummaryError otherwise.
 */
export function checkChannels(channels: number | undefined, shape: readonly number[]): 1 | 3 | 4 {
  if (channels === 1 || channels === 3 || channels === 4) return channels;
  throw new SummaryError(
    `image of shape [${shape.join(', ')}]: the last dimension must be 1, 3 or 4 channels ` +
      '(grey, RGB, RGBA); reshape or slice the tensor first.',
  );
}

/**
 * Reads the width and height from a PNG's header (the IHDR chunk, which must come first).
 *
 * @param png - PNG bytes.
 * @returns the size in pixels.
 * @throws SummaryError when the bytes are not a PNG.
 */
export function pngSize(png: Uint8Array): { width: number; height: number } {
  const isPng = png.length >= 24 && PNG_SIGNATURE.every((byte, i) => png[i] === byte);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  if (!isPng || view.getUint32(12) !== 0x49484452) {
    throw new SummaryError(
      'image bytes are not a PNG (no PNG signature and IHDR header); pass a PNG or a tensor.',
    );
  }
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
