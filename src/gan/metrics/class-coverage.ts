import { MetricOptionError } from './errors.js';

/** What {@link classCoverage} measured on a set of predicted classes. */
export interface ClassCoverage {
  /** Classes predicted for at least one sample. */
  readonly classesPresent: number;
  readonly classCount: number;
  /**
   * Entropy of the class histogram in nats: `ln(classCount)` when every class is equally
   * frequent (2.303 for ten digits), 0 when every sample is one class.
   */
  readonly entropy: number;
  /** Samples per class. */
  readonly counts: readonly number[];
}

/**
 * How well a set of samples covers the classes of the data, as a classifier sees them: the
 * classes present and the entropy of the class histogram, the mode-collapse measure of
 * MNIST GAN studies (e.g. Metz et al. 2017, Srivastava et al. 2017, with a pretrained
 * classifier). On balanced data like MNIST, real samples score near `ln(classCount)`.
 *
 * @example
 * ```ts
 * classCoverage(Int32Array.from([0, 0, 1, 1]), 10);
 * // { classesPresent: 2, classCount: 10, entropy: 0.693, counts: [2, 2, 0, ...] }
 * ```
 *
 * @param predicted - each sample's predicted class, in [0, classCount).
 * @param classCount - how many classes the classifier knows.
 * @returns the counts, the classes present and the entropy.
 * @throws MetricOptionError for a class outside the range, or no samples.
 */
export function classCoverage(predicted: ArrayLike<number>, classCount: number): ClassCoverage {
  if (predicted.length === 0) {
    throw new MetricOptionError('classCoverage: no samples; pass at least one prediction');
  }
  const counts = new Array<number>(classCount).fill(0);
  for (let i = 0; i < predicted.length; i++) {
    const label = predicted[i]!;
    if (!Number.isInteger(label) || label < 0 || label >= classCount) {
      throw new MetricOptionError(
        `classCoverage: sample ${i} is predicted as class ${label}, outside [0, ${classCount})`,
      );
    }
    counts[label]!++;
  }
  let entropy = 0;
  for (const count of counts) {
    if (count === 0) continue;
    const p = count / predicted.length;
    entropy -= p * Math.log(p);
  }
  return {
    classesPresent: counts.filter((count) => count > 0).length,
    classCount,
    entropy,
    counts,
  };
}
