/** What a bench/wasm-threads/variant.ts process reports, shared with its parent. */

/** The line a variant prints its result on. */
export const VARIANT_LINE_PREFIX = 'WASM_THREADS_VARIANT ';

/** The seeded computations whose gradients every build must agree on. */
export const GRADIENT_CHECKS = ['grid25 critic (gp)', 'dcgan critic'] as const;

/** One of {@link GRADIENT_CHECKS}. */
export type GradientCheck = (typeof GRADIENT_CHECKS)[number];

/** What one variant process reports. */
export interface VariantReport {
  build: string;
  threads: number;
  /** Wall milliseconds from asking for the backend to its being active. */
  startMs: number;
  /** Set when the build did not start: the error it ended with. */
  error?: string;
  /** Median wall milliseconds per step, by step name. */
  stepMs: Record<string, number>;
  /**
   * Median CPU milliseconds per step, every thread of the process counted: what the step costs
   * the machine, which a busy machine stretches less than the wall time.
   */
  stepCpuMs: Record<string, number>;
  /** Whether every timed step left tf.memory().numTensors where it was. */
  leakFree: boolean;
}

/**
 * The file a variant writes one gradient check's values to (raw float32).
 *
 * @param check - the check's name.
 * @returns a file name without spaces or parentheses.
 */
export function gradientFile(check: GradientCheck): string {
  return `${check.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '')}.f32`;
}
