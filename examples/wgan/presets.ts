// How long the example trains and how big its networks are. The WGAN recipe itself (RMSProp
// 5e-5, weight clip 0.01, 5 critic updates per generator update, batch 64) is in train.ts and
// the same for every preset except `tiny`, which exists so a test can run the script in seconds.

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
  /** DCGAN width: filters of the critic's first convolution. */
  baseFilters: number;
  noiseSize: number;
  /** Generator steps between image grids, summaries and checkpoints. */
  sampleEvery: number;
  summaryEvery: number;
  checkpointEvery: number;
}

/** `quick` (the README's command): about 5 minutes on a 2-core CPU. `full`: the paper's length. */
export const PRESETS = {
  quick: {
    steps: 1500,
    embeddedSteps: 750,
    batchSize: 64,
    nCritic: 5,
    baseFilters: 16,
    noiseSize: 64,
    sampleEvery: 250,
    summaryEvery: 25,
    checkpointEvery: 500,
  },
  full: {
    steps: 10_000,
    batchSize: 64,
    nCritic: 5,
    baseFilters: 32,
    noiseSize: 100,
    sampleEvery: 500,
    summaryEvery: 50,
    checkpointEvery: 1000,
  },
  tiny: {
    steps: 2,
    batchSize: 8,
    nCritic: 2,
    baseFilters: 2,
    noiseSize: 4,
    sampleEvery: 1,
    summaryEvery: 1,
    checkpointEvery: 1,
  },
} as const satisfies Record<string, ExamplePreset>;

/** A preset's name. */
export type PresetName = keyof typeof PRESETS;
