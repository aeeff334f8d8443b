import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './dataset.js';
import { byteSampleTable, ShuffledSampleDataset } from './shuffled-samples.js';

/** IDX's magic for unsigned bytes: two zero bytes, type 0x08, then the number of dimensions. */
const UNSIGNED_BYTE_TYPE = 0x08;

/**
 * Reads an MNIST-style IDX image file (`train-images-idx3-ubyte`, optionally `.gz`) as a
 * shuffled dataset of `[B, rows, columns, 1]` in [−1, 1].
 *
 * @param path - the IDX file.
 * @param seed - seeds the order.
 * @returns the dataset.
 * @throws DatasetError for a missing file, a label file, or a malformed header.
 */
export async function idxImages(path: string, seed: number): Promise<ShuffledSampleDataset> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new DatasetError(`cannot read IDX file ${path}: ${(error as Error).message}`);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  if (bytes.length < 4 || bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== UNSIGNED_BYTE_TYPE) {
    throw new DatasetError(`${path} is not an unsigned-byte IDX file`);
  }
  const dimensions = bytes[3]!;
  if (dimensions !== 3) {
    throw new DatasetError(
      `${path} has ${dimensions} dimension(s); an image file has 3 (count, rows, columns) — ` +
        'was a label file given?',
    );
  }
  const [count, rows, columns] = [0, 1, 2].map((i) => bytes.readUInt32BE(4 + 4 * i)) as [
    number,
    number,
    number,
  ];
  const header = 16;
  const expected = header + count * rows * columns;
  if (bytes.length < expected) {
    throw new DatasetError(
      `${path} is truncated: ${bytes.length} bytes, the header promises ${expected}`,
    );
  }
  const pixels = new Uint8Array(bytes.buffer, bytes.byteOffset + header, count * rows * columns);
  return new ShuffledSampleDataset(path, byteSampleTable(pixels, [rows, columns, 1]), seed);
}
