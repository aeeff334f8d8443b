import * as tf from '../../src/core/backend/tf.js';
import type { SeededRandom } from '../../src/core/random/seeded-random.js';
import type { LabelledDigits } from './split.js';

const SIDE = 28;
const MAX_SHIFT = 2;

/**
 * One training batch, each digit moved by a random whole-pixel shift of up to ±2 in each
 * direction (background −1 fills in): the cheapest augmentation that lifts a small MNIST
 * classifier's held-out accuracy, as generated digits are not centred as exactly as MNIST's.
 *
 * @param digits - the training digits.
 * @param indices - which digits form the batch.
 * @param random - draws the shifts.
 * @returns images `[B, 28, 28, 1]` and one-hot labels `[B, 10]`; the caller disposes them.
 */
export function shiftedBatch(
  digits: LabelledDigits,
  indices: Int32Array,
  random: SeededRandom,
): { images: tf.Tensor4D; labels: tf.Tensor2D } {
  const images = new Float32Array(indices.length * SIDE * SIDE).fill(-1);
  const labels = new Float32Array(indices.length * 10);
  indices.forEach((digit, row) => {
    const dx = random.integer(2 * MAX_SHIFT + 1) - MAX_SHIFT;
    const dy = random.integer(2 * MAX_SHIFT + 1) - MAX_SHIFT;
    for (let y = 0; y < SIDE; y++) {
      const from = y - dy;
      if (from < 0 || from >= SIDE) continue;
      for (let x = 0; x < SIDE; x++) {
        const fromX = x - dx;
        if (fromX < 0 || fromX >= SIDE) continue;
        images[row * SIDE * SIDE + y * SIDE + x] =
          digits.images[digit * SIDE * SIDE + from * SIDE + fromX]!;
      }
    }
    labels[row * 10 + digits.labels[digit]!] = 1;
  });
  return {
    images: tf.tensor4d(images, [indices.length, SIDE, SIDE, 1]),
    labels: tf.tensor2d(labels, [indices.length, 10]),
  };
}
