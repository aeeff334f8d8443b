/** How many untimed and timed calls a measurement makes. */
export interface TimingOptions {
  /** Calls made first and discarded: kernel compilation, allocator growth, caches. */
  warmup: number;
  /** Timed calls; the median of these is the result. */
  repeats: number;
}

/** The spread of one measurement, in milliseconds per call. */
export interface Timing {
  medianMs: number;
  minMs: number;
  maxMs: number;
  repeats: number;
}

/**
 * The median of a list of numbers (the mean of the middle two for an even count).
 *
 * @param values - at least one number.
 * @returns the median.
 * @throws RangeError when `values` is empty.
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list: pass at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * Times a synchronous call: `warmup` calls untimed, then `repeats` calls each timed on its own,
 * summarised by their median (robust against the other processes sharing the cores).
 *
 * The call must finish its work before it returns (read a loss back with `dataSync()`), so
 * that an asynchronous backend is timed for its computation and not for queueing it.
 *
 * @example
 * ```ts
 * const t = timeCalls(() => criticStep(), { warmup: 3, repeats: 10 });
 * console.log(`${t.medianMs.toFixed(1)} ms per step`);
 * ```
 * @param call - one unit of work, e.g. one training step.
 * @param options - warm-up and timed call counts.
 * @returns median, fastest and slowest call in milliseconds.
 */
export function timeCalls(call: () => void, options: TimingOptions): Timing {
  if (!Number.isInteger(options.repeats) || options.repeats < 1) {
    throw new RangeError(`repeats must be a positive integer, got ${options.repeats}`);
  }
  for (let i = 0; i < options.warmup; i++) call();
  const samples: number[] = [];
  for (let i = 0; i < options.repeats; i++) {
    const start = performance.now();
    call();
    samples.push(performance.now() - start);
  }
  return {
    medianMs: median(samples),
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
    repeats: options.repeats,
  };
}
