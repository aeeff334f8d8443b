/**
 * The GPU-free arithmetic of bench/wasm-threads.ts: how far two builds' gradients are apart,
 * and each variant's step time over rounds of separate processes.
 */
import { median } from '../timing.js';

/** How two float32 vectors of the same computation differ. */
export interface VectorDifference {
  length: number;
  /** Elements whose bits differ (NaNs with equal bits count as equal). */
  differing: number;
  /** max |a − b| ÷ max |a|: 0 when bitwise equal. */
  maxRelative: number;
}

/**
 * Compares a computation's output from two builds element by element.
 *
 * @param reference - the single-threaded build's values.
 * @param other - the same values from another build.
 * @returns how many elements differ in their bits and the largest difference relative to the
 *   reference's largest magnitude.
 * @throws RangeError when the lengths differ (not the same computation).
 */
export function compareVectors(reference: Float32Array, other: Float32Array): VectorDifference {
  if (reference.length !== other.length) {
    throw new RangeError(
      `cannot compare vectors of ${reference.length} and ${other.length} values: ` +
        'they come from different computations',
    );
  }
  const referenceBits = new Uint32Array(reference.buffer, reference.byteOffset, reference.length);
  const otherBits = new Uint32Array(other.buffer, other.byteOffset, other.length);
  let differing = 0;
  let maxDifference = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    scale = Math.max(scale, Math.abs(reference[i]!));
    if (referenceBits[i] === otherBits[i]) continue;
    differing++;
    maxDifference = Math.max(maxDifference, Math.abs(reference[i]! - other[i]!));
  }
  const maxRelative = differing === 0 ? 0 : scale === 0 ? Infinity : maxDifference / scale;
  return { length: reference.length, differing, maxRelative };
}

/** One variant's medians of one round: milliseconds per step, by step name. */
export type RoundTimes = Readonly<Record<string, number>>;

/**
 * Each step's time over rounds: the median of the per-round medians, so that one round that
 * shared the cores with a burst of other work does not decide the result.
 *
 * @param rounds - one record per round (a separate process each).
 * @returns the median per step name, over the rounds that measured it.
 */
export function medianOverRounds(rounds: readonly RoundTimes[]): Record<string, number> {
  const byStep = new Map<string, number[]>();
  for (const round of rounds) {
    for (const [step, ms] of Object.entries(round)) {
      byStep.set(step, [...(byStep.get(step) ?? []), ms]);
    }
  }
  return Object.fromEntries([...byStep].map(([step, values]) => [step, median(values)]));
}

/**
 * The order variants run in round `round`: rotated by one each round, so that no variant is
 * always the one that starts right after another process's burst.
 *
 * @param variants - the variants, in their first round's order.
 * @param round - 0-based round number.
 * @returns the rotated list.
 */
export function roundOrder<T>(variants: readonly T[], round: number): T[] {
  if (variants.length === 0) return [];
  const shift = round % variants.length;
  return [...variants.slice(shift), ...variants.slice(0, shift)];
}
