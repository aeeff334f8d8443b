/** What {@link assessModeCoverage} measured on a set of generated points. */
export interface ModeCoverage {
  /** Modes with at least one high-quality sample assigned to them. */
  modesCovered: number;
  modeCount: number;
  /** Fraction of samples within 3 std of their nearest mode. */
  highQualityFraction: number;
  /** Smallest fraction of all samples that is high-quality and assigned to one mode. */
  minModeFraction: number;
  /** High-quality samples per mode, in the order of the means. */
  samplesPerMode: number[];
  /**
   * `KL(q ‖ uniform)` in nats, where `q` is the histogram of the high-quality samples over the
   * modes (PacGAN's reverse KL of the mode distribution): 0 when every mode has equal share,
   * `ln(modeCount)` for a collapse onto one mode — the value also given when no sample is
   * high-quality.
   */
  reverseKl: number;
}

/**
 * Scores generated points against a Gaussian mixture by the protocol of VEEGAN and PacGAN: a
 * sample is high-quality when it lies within 3 standard deviations of its nearest mode, and a
 * mode is covered when at least one high-quality sample is assigned to it; the reverse KL
 * compares the histogram of high-quality samples over the modes with the uniform one.
 *
 * @param points - generated samples, each of the means' dimension.
 * @param means - the mixture's modes.
 * @param std - the mixture's standard deviation.
 * @returns the counts and fractions.
 */
export function assessModeCoverage(
  points: readonly (readonly number[])[],
  means: readonly (readonly number[])[],
  std: number,
): ModeCoverage {
  const samplesPerMode = new Array<number>(means.length).fill(0);
  let highQuality = 0;
  for (const point of points) {
    let nearest = 0;
    let nearestDistance = Infinity;
    means.forEach((mean, index) => {
      const distance = Math.hypot(...mean.map((m, d) => m - point[d]!));
      if (distance < nearestDistance) {
        nearestDistance = distance;
        nearest = index;
      }
    });
    if (nearestDistance <= 3 * std) {
      highQuality++;
      samplesPerMode[nearest]!++;
    }
  }
  const total = Math.max(points.length, 1);
  return {
    modesCovered: samplesPerMode.filter((count) => count > 0).length,
    modeCount: means.length,
    highQualityFraction: highQuality / total,
    minModeFraction: Math.min(...samplesPerMode) / total,
    samplesPerMode,
    reverseKl: reverseKl(samplesPerMode, highQuality),
  };
}

function reverseKl(samplesPerMode: readonly number[], highQuality: number): number {
  const modes = samplesPerMode.length;
  if (highQuality === 0) return Math.log(modes);
  let divergence = 0;
  for (const count of samplesPerMode) {
    if (count > 0) divergence += (count / highQuality) * Math.log((count / highQuality) * modes);
  }
  return divergence;
}
