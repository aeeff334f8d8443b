/**
 * Where gantry reads the time: step rates, `everySeconds` and event timestamps all use the
 * injected clock, so a test can bind a fake one and control time exactly.
 */
export interface Clock {
  /** Milliseconds since an arbitrary origin; never decreases. */
  now(): number;
}

/** The process's monotonic clock (`performance.now()`). */
export const systemClock: Clock = { now: () => performance.now() };
