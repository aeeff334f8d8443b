import { loadMnistDigits } from '../../src/gan/data/mnist.js';

/** Labelled digits, `[count, 28, 28, 1]` in [−1, 1]. */
export interface LabelledDigits {
  readonly images: Float32Array;
  readonly labels: Uint8Array;
  readonly count: number;
}

/** One digit in this many is held out: 1,000 of the `mnist` package's 10,000, 100 per class. */
export const HELD_OUT_EVERY = 10;

const IMAGE_SIZE = 28 * 28;

/**
 * Splits the `mnist` package's 10,000 labelled digits into the 9,000 the shipped classifier
 * trains on and the 1,000 it is measured on (every tenth digit; the package lists the digits
 * class by class, so each class gives 100).
 *
 * @returns both parts.
 */
export function splitDigits(): { train: LabelledDigits; heldOut: LabelledDigits } {
  const digits = loadMnistDigits();
  const pick = (keep: (index: number) => boolean): LabelledDigits => {
    const indices = Array.from({ length: digits.count }, (_, i) => i).filter(keep);
    const images = new Float32Array(indices.length * IMAGE_SIZE);
    const labels = new Uint8Array(indices.length);
    indices.forEach((from, to) => {
      images.set(
        digits.images.subarray(from * IMAGE_SIZE, (from + 1) * IMAGE_SIZE),
        to * IMAGE_SIZE,
      );
      labels[to] = digits.labels[from]!;
    });
    return { images, labels, count: indices.length };
  };
  return {
    train: pick((i) => i % HELD_OUT_EVERY !== 0),
    heldOut: pick((i) => i % HELD_OUT_EVERY === 0),
  };
}
