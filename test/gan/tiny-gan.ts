import {
  InMemoryDataset,
  fromFunction,
  silentLogger,
  tf,
  type Clock,
  type TrainerConfig,
} from '../../src/index.js';

/** A manually advanced clock (milliseconds). */
export function fakeClock(start = 0): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => (now += ms) };
}

/**
 * The smallest GAN that exercises the whole loop: a 2→2 affine generator and a 2→4→1 critic
 * over a fixed 2-D dataset, with seeded initial weights so runs are reproducible.
 */
export function tinyGanConfig(overrides: Partial<TrainerConfig> = {}): TrainerConfig {
  const v = (shape: number[], seed: number, name: string): tf.Variable =>
    tf.variable(tf.randomNormal(shape, 0, 0.5, 'float32', seed), true, name);
  const gw = v([2, 2], 1, `generator/w${tag()}`);
  const gb = v([2], 2, `generator/b${tag()}`);
  const cw1 = v([2, 4], 3, `critic/w1${tag()}`);
  const cw2 = v([4, 1], 4, `critic/w2${tag()}`);
  return {
    generator: fromFunction('generator', (z) => tf.add(tf.matMul(z, gw), gb), [gw, gb], {
      seeded: true,
    }),
    critic: fromFunction('critic', (x) => tf.matMul(tf.tanh(tf.matMul(x, cw1)), cw2), [cw1, cw2], {
      seeded: true,
    }),
    dataset: new InMemoryDataset(tf.randomNormal([64, 2], 3, 0.2, 'float32', 5)),
    batchSize: 16,
    latentDim: 2,
    nCritic: 3,
    backend: 'cpu',
    logger: silentLogger,
    clock: fakeClock(),
    ...overrides,
  };
}

let counter = 0;
// Variable names must be unique per engine; each test builds fresh ones.
function tag(): string {
  counter += 1;
  return `_${counter}`;
}
