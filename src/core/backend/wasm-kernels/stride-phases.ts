/**
 * How a transposed convolution along one spatial axis splits into stride-1 convolutions.
 *
 * The input gradient of a convolution is `dx[i] = Σ_{o,k : o·s + k − pad = i} dy[o]·w[k]`.
 * Output positions with the same phase `p = (i + pad) mod s` receive exactly the taps
 * `k = p, p + s, p + 2s, …`, and within a phase the sum is an ordinary stride-1 correlation of
 * dy with those taps reversed. So a stride-s transposed convolution is s such convolutions per
 * axis (s² in 2-D), each as dense as a forward convolution, whose outputs interleave.
 */
export interface StridePhase {
  /** Phase p: the first tap, and the residue of (i + pad) mod stride it serves. */
  phase: number;
  /** Taps in this phase: k = phase + stride·t for t < taps. */
  taps: number;
  /** First output index a0 of the phase: dx position i = stride·(a0 + q) + phase − pad. */
  firstIndex: number;
  /** Number of dx positions in this phase. */
  length: number;
  /** dy rows to read, [cropStart, cropStart + cropLength), after cropping to dy's extent. */
  cropStart: number;
  cropLength: number;
  /** Zeros to pad before and after the cropped dy rows. */
  padBefore: number;
  padAfter: number;
}

/**
 * The phases of one axis, without the ones that receive no taps or no positions (those
 * positions of dx stay zero).
 *
 * @param inSize - size of dx along the axis.
 * @param outSize - size of dy along the axis.
 * @param filterSize - filter taps along the axis.
 * @param stride - the convolution's stride.
 * @param padBefore - the convolution's padding before the first element.
 * @returns one entry per phase that contributes.
 */
export function stridePhases(
  inSize: number,
  outSize: number,
  filterSize: number,
  stride: number,
  padBefore: number,
): StridePhase[] {
  const phases: StridePhase[] = [];
  for (let phase = 0; phase < stride && phase < filterSize; phase++) {
    const taps = Math.ceil((filterSize - phase) / stride);
    const firstIndex = Math.ceil((padBefore - phase) / stride);
    const lastIndex = Math.floor((inSize - 1 + padBefore - phase) / stride);
    const length = lastIndex - firstIndex + 1;
    // dy rows firstIndex − (taps − 1) … lastIndex are read; outside dy they are zero.
    const wantStart = firstIndex - (taps - 1);
    const cropStart = Math.max(0, wantStart);
    const cropEnd = Math.min(outSize - 1, lastIndex);
    if (length <= 0 || cropEnd < cropStart) continue;
    phases.push({
      phase,
      taps,
      firstIndex,
      length,
      cropStart,
      cropLength: cropEnd - cropStart + 1,
      padBefore: cropStart - wantStart,
      padAfter: lastIndex - cropEnd,
    });
  }
  return phases;
}
