// How long the example trains, how big its networks are, and its WGAN settings. Every preset is
// the WGAN of the paper's Algorithm 1 — two RMSProp optimizers, weight clipping, n_critic critic
// updates per generator update — at its own learning rate and ratio: `quick` (the default) at
// the settings bench/quality/example-sweep.ts measured to draw digits soonest on 2 CPU cores,
// `canonical` at the paper's (RMSProp 5e-5, clip 0.01, n_critic 5, batch 64) and length, `tiny`
// so a test can run the script in seconds.

/** One way to run the example. */
export interface ExamplePreset {
  /** The last generator step (TF's `last_step`) on the native `tensorflow` backend. */
  steps: number;
  /**
   * The last generator step on the embedded backends (wasm, cpu), which train this DCGAN about
   * 2.5× slower than tensorflow on 2 cores; default `steps`.
   */
  embeddedSteps?: number;
  batchSize: number;
  nCritic: number;
  /** RMSProp's learning rate for both networks (it halves over the run). */
  learningRate: number;
  /** The critic's weights are clipped to [−c, c] after each update. */
  weightClip: number;
  /** DCGAN width: filters of the critic's first convolution. */
  baseFilters: number;
  noiseSize: number;
  /** Samples scored at the end (Fréchet distance, classes present). */
  evalSamples: number;
  /** Generator steps between image grids, summaries and checkpoints. */
  sampleEvery: number;
  summaryEvery: number;
  checkpointEvery: number;
}

/**
 * `quick` (the README's command): about 5 minutes on a 2-core CPU. `canonical`: the paper's
 * settings and length.
 */
export const PRESETS = {
  quick: {
    steps: 1800,
    embeddedSteps: 900,
    batchSize: 64,
    nCritic: 2,
    learningRate: 5e-4,
    weightClip: 0.01,
    baseFilters: 16,
    noiseSize: 64,
    evalSamples: 2000,
    sampleEvery: 300,
    summaryEvery: 25,
    checkpointEvery: 300,
  },
  canonical: {
    steps: 10_000,
    batchSize: 64,
    nCritic: 5,
    learningRate: 5e-5,
    weightClip: 0.01,
    baseFilters: 32,
    noiseSize: 100,
    evalSamples: 10_000,
    sampleEvery: 500,
    summaryEvery: 50,
    checkpointEvery: 1000,
  },
  tiny: {
    steps: 2,
    batchSize: 8,
    nCritic: 2,
    learningRate: 5e-5,
    weightClip: 0.01,
    baseFilters: 2,
    noiseSize: 4,
    evalSamples: 100,
    sampleEvery: 1,
    summaryEvery: 1,
    checkpointEvery: 1,
  },
} as const satisfies Record<string, ExamplePreset>;

/** A preset's name. */
export type PresetName = keyof typeof PRESETS;
