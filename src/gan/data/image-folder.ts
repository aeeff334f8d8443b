import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import sharp from 'sharp';
import type { Logger } from '../../core/logger.js';
import { DatasetError } from './dataset.js';
import { byteSampleTable, ShuffledSampleDataset } from './shuffled-samples.js';

const IMAGE_EXTENSIONS = new Set([
  '.png',
  '.jpg',
  '.jpeg',
  '.webp',
  '.gif',
  '.tif',
  '.tiff',
  '.avif',
]);
const DECODE_CONCURRENCY = 8;

/** Options of {@link imageFolder}. */
export interface ImageFolderOptions {
  /** Side of the square images the model takes; each image is resized and centre-cropped. */
  size: number;
  /** 1 for grayscale, 3 for RGB. */
  channels: 1 | 3;
  seed: number;
  /** Receives one warning naming the files that could not be decoded. */
  logger: Logger;
}

/**
 * Decodes every image under a folder (recursively) with sharp into memory, resized and
 * centre-cropped to `size`×`size`, as a shuffled dataset of `[B, size, size, channels]` in
 * [−1, 1]. Decoding happens once, up front, so training never waits on it; pixels are kept as
 * bytes to hold large folders.
 *
 * @param folder - the folder to read.
 * @param options - target size, channels, seed and where warnings go.
 * @returns the dataset.
 * @throws DatasetError when the folder is missing or holds no decodable image.
 */
export async function imageFolder(
  folder: string,
  options: ImageFolderOptions,
): Promise<ShuffledSampleDataset> {
  const files = await listImages(folder);
  if (files.length === 0) {
    throw new DatasetError(
      `${folder}: no images found (looked for ${[...IMAGE_EXTENSIONS].join(', ')})`,
    );
  }
  const sampleSize = options.size * options.size * options.channels;
  const decoded: Buffer[] = [];
  const unreadable: string[] = [];
  for (let start = 0; start < files.length; start += DECODE_CONCURRENCY) {
    const chunk = files.slice(start, start + DECODE_CONCURRENCY);
    const results = await Promise.allSettled(chunk.map((file) => decode(file, options)));
    results.forEach((result, i) => {
      if (result.status === 'fulfilled' && result.value.length === sampleSize) {
        decoded.push(result.value);
      } else {
        unreadable.push(chunk[i]!);
      }
    });
  }
  if (unreadable.length > 0) {
    const shown = unreadable.slice(0, 10).join(', ');
    const more = unreadable.length > 10 ? ` and ${unreadable.length - 10} more` : '';
    options.logger.warn(
      `${folder}: skipped ${unreadable.length} unreadable file(s): ${shown}${more}`,
    );
  }
  if (decoded.length === 0) {
    throw new DatasetError(`${folder}: none of its ${files.length} image files could be decoded`);
  }
  const shape = [options.size, options.size, options.channels];
  return new ShuffledSampleDataset(
    folder,
    byteSampleTable(Buffer.concat(decoded), shape),
    options.seed,
  );
}

async function listImages(folder: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(folder, { recursive: true, withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : String(error);
    throw new DatasetError(`dataset folder ${folder} ${reason}`);
  }
  return entries
    .filter((entry) => entry.isFile() && IMAGE_EXTENSIONS.has(extname(entry.name).toLowerCase()))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

async function decode(file: string, options: ImageFolderOptions): Promise<Buffer> {
  let pipeline = sharp(file).resize(options.size, options.size, { fit: 'cover' });
  pipeline =
    options.channels === 1 ? pipeline.grayscale() : pipeline.removeAlpha().toColourspace('srgb');
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== options.channels) {
    throw new DatasetError(
      `${file}: decoded ${info.channels} channels, wanted ${options.channels}`,
    );
  }
  return data;
}

/** @returns whether `path` is a folder (for telling image folders from IDX files). */
export async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
