/**
 * Tiles a batch of images into one grid image, row by row, with padding between and around the
 * cells (the layout of torchvision's `make_grid`).
 */
import * as tf from '../backend/tf.js';
import { SummaryError } from './errors.js';
import {
  checkChannels,
  rawToPng,
  toUint8Pixels,
  type ImageRange,
  type RawImage,
} from './image-encoding.js';

/** Options of {@link imageGridToPng}. */
export interface ImageGridOptions {
  /** Cells per row; default `ceil(sqrt(N))`. */
  columns?: number;
  /** Pixels between cells and around the grid; default 2. */
  padding?: number;
  /** The padding's brightness, 0 (black) to 1 (white); default 0. */
  padValue?: number;
  /** The range of the batch's values; default `'auto'` (see {@link ImageRange}). */
  range?: ImageRange;
}

/**
 * Tiles a `[N, H, W, C]` batch into one image and encodes it as a PNG.
 *
 * @example
 * ```ts
 * const samples = generator.predict(noise) as tf.Tensor4D; // [64, 28, 28, 1] in [-1, 1]
 * await writeFile('samples/step-000500.png', await imageGridToPng(samples, { columns: 8, range: [-1, 1] }));
 * ```
 * @param batch - the images, C 1, 3 or 4.
 * @param options - columns, padding and value range.
 * @returns the PNG bytes.
 * @throws SummaryError when the batch is not `[N, H, W, C]` with N ≥ 1 and C 1, 3 or 4, or an
 *   option is out of range.
 */
export async function imageGridToPng(
  batch: tf.Tensor4D,
  options: ImageGridOptions = {},
): Promise<Buffer> {
  return rawToPng(await imageGridPixels(batch, options));
}

/**
 * Tiles a `[N, H, W, C]` batch into one image's 8-bit pixels.
 *
 * @param batch - the images, C 1, 3 or 4.
 * @param options - columns, padding and value range.
 * @returns the grid's pixels and size.
 */
export async function imageGridPixels(
  batch: tf.Tensor4D,
  options: ImageGridOptions = {},
): Promise<RawImage> {
  const [count, height, width, c] = batch.shape;
  if (batch.rank !== 4 || count < 1) {
    throw new SummaryError(
      `image grid: expected a [N, H, W, C] batch with N >= 1, got shape [${batch.shape.join(', ')}].`,
    );
  }
  const channels = checkChannels(c, batch.shape);
  const { columns, padding, padValue } = gridLayout(count, options);
  const rows = Math.ceil(count / columns);
  const gridWidth = columns * width + (columns + 1) * padding;
  const gridHeight = rows * height + (rows + 1) * padding;
  const grid = new Uint8Array(gridWidth * gridHeight * channels).fill(Math.round(padValue * 255));
  const pixels = await toUint8Pixels(batch, options.range ?? 'auto');
  const rowBytes = width * channels;
  for (let n = 0; n < count; n += 1) {
    const left = padding + (n % columns) * (width + padding);
    const top = padding + Math.floor(n / columns) * (height + padding);
    for (let y = 0; y < height; y += 1) {
      const source = (n * height + y) * rowBytes;
      const target = ((top + y) * gridWidth + left) * channels;
      grid.set(pixels.subarray(source, source + rowBytes), target);
    }
  }
  return { data: grid, width: gridWidth, height: gridHeight, channels };
}

function gridLayout(
  count: number,
  options: ImageGridOptions,
): { columns: number; padding: number; padValue: number } {
  const columns = options.columns ?? Math.ceil(Math.sqrt(count));
  const padding = options.padding ?? 2;
  const padValue = options.padValue ?? 0;
  if (!Number.isInteger(columns) || columns < 1) {
    throw new SummaryError(`image grid: columns must be a positive integer, got ${columns}.`);
  }
  if (!Number.isInteger(padding) || padding < 0) {
    throw new SummaryError(`image grid: padding must be an integer >= 0, got ${padding}.`);
  }
  if (!(padValue >= 0 && padValue <= 1)) {
    throw new SummaryError(`image grid: padValue must lie in [0, 1], got ${padValue}.`);
  }
  return { columns, padding, padValue };
}
