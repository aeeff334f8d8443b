import type { PresetDataset, PresetLoss, TrainingPreset } from './training-preset.js';

const WGAN_GP_ADAM = { kind: 'adam', learningRate: 1e-4, beta1: 0.5, beta2: 0.9 } as const;
const WGAN_RMSPROP = { kind: 'rmsprop', learningRate: 5e-5 } as const;

const GRID25_WGAN_GP: TrainingPreset = {
  dataset: 'grid25',
  loss: 'wgan-gp',
  model: { kind: 'mlp', width: 192, depth: 3, noiseSize: 2 },
  optimizers: {
    critic: { kind: 'adam', learningRate: 1e-3, beta1: 0, beta2: 0.9 },
    generator: { kind: 'adam', learningRate: 1e-3, beta1: 0, beta2: 0.9 },
  },
  nCritic: 2,
  batchSize: 128,
  steps: 22_000,
  gradientPenaltyWeight: 0.1,
  emaDecay: 0.999,
  learningRateDecayStart: 0.6,
  threads: 1,
  source:
    'npm run bench:quality on a 2-core CPU (tensorflow, compiled updates, 1 thread), seeds 2-4 ' +
    'nobody tuned on: 25/25 modes, 96.0/96.8/95.8% high-quality samples, every mode >= 3.1%, ' +
    '261-263 CPU-seconds; width, batch, nCritic, lambda and Adam beta1 from a PyTorch sweep, ' +
    'the step count from gantry runs on seeds 0-1 (17,000 steps: 96.2/95.4%; 24,000: 97.2%)',
};

const TOY_WGAN = {
  loss: 'wgan',
  model: { kind: 'mlp', width: 512, depth: 3, noiseSize: 2 },
  optimizers: { critic: WGAN_RMSPROP, generator: WGAN_RMSPROP },
  nCritic: 5,
  batchSize: 64,
  steps: 10_000,
  weightClip: 0.01,
  source: 'the WGAN paper (Arjovsky et al. 2017, Algorithm 1); not measured on this dataset',
} as const;

const MNIST_WGAN_GP: TrainingPreset = {
  dataset: 'mnist',
  loss: 'wgan-gp',
  model: { kind: 'dcgan', imageSize: 28, channels: 1, noiseSize: 100, baseFilters: 32 },
  optimizers: { critic: WGAN_GP_ADAM, generator: WGAN_GP_ADAM },
  nCritic: 5,
  batchSize: 64,
  steps: 600,
  gradientPenaltyWeight: 10,
  emaDecay: 0.999,
  source:
    'the WGAN-GP paper (Gulrajani et al. 2017) with the step count npm run bench:quality ' +
    'measured (mnist, wgan-gp: all 10 classes, rough digits)',
};

const MNIST_WGAN: TrainingPreset = {
  dataset: 'mnist',
  loss: 'wgan',
  model: { kind: 'dcgan', imageSize: 28, channels: 1, noiseSize: 64, baseFilters: 16 },
  optimizers: {
    critic: { kind: 'rmsprop', learningRate: 5e-4 },
    generator: { kind: 'rmsprop', learningRate: 5e-4 },
  },
  nCritic: 2,
  batchSize: 64,
  steps: 1800,
  weightClip: 0.01,
  emaDecay: 0.999,
  source:
    "the WGAN paper's Algorithm 1 (RMSProp, clip 0.01) at the learning rate and n_critic that " +
    'bench/quality/example-sweep.ts measured to draw digits soonest on 2 CPU cores (5e-4 and 2; ' +
    "the paper's 5e-5 and 5 needed 5,000 steps, 37 minutes, for all 10 classes)",
};

const IMAGES_MODEL = {
  kind: 'dcgan',
  imageSize: 64,
  channels: 3,
  noiseSize: 100,
  baseFilters: 64,
} as const;

/**
 * Every built-in preset, by dataset and loss. `presetFor` validates and copies from here; the
 * tests check each entry against the schema.
 */
export const PRESETS: Readonly<
  Record<PresetDataset, Readonly<Record<PresetLoss, TrainingPreset>>>
> = {
  grid25: {
    'wgan-gp': GRID25_WGAN_GP,
    wgan: { ...TOY_WGAN, dataset: 'grid25' },
  },
  ring8: {
    'wgan-gp': {
      ...GRID25_WGAN_GP,
      dataset: 'ring8',
      source: "grid25's measured wgan-gp preset; not measured on ring8",
    },
    wgan: { ...TOY_WGAN, dataset: 'ring8' },
  },
  mnist: { 'wgan-gp': MNIST_WGAN_GP, wgan: MNIST_WGAN },
  images: {
    'wgan-gp': {
      ...MNIST_WGAN_GP,
      dataset: 'images',
      model: IMAGES_MODEL,
      steps: 20_000,
      source: 'the WGAN-GP paper (Gulrajani et al. 2017): Adam 1e-4, β 0.5/0.9, λ 10, nCritic 5',
    },
    wgan: {
      ...MNIST_WGAN,
      dataset: 'images',
      model: IMAGES_MODEL,
      optimizers: { critic: WGAN_RMSPROP, generator: WGAN_RMSPROP },
      nCritic: 5,
      steps: 20_000,
      source: 'the WGAN paper (Arjovsky et al. 2017, Algorithm 1): RMSProp 5e-5, c 0.01, nCritic 5',
    },
  },
};
