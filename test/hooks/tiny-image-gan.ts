import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemoryDataset, fromFunction, tf, type TrainerConfig } from '../../src/index.js';
import { tinyGanConfig } from '../gan/tiny-gan.js';

let counter = 0;

/**
 * A tiny GAN over 4×4 one-channel images: a 2→16 tanh generator reshaped to `[N, 4, 4, 1]`
 * and a 16→1 linear critic, with seeded weights.
 *
 * @param overrides - config keys to change.
 * @returns the config.
 */
export function tinyImageGanConfig(overrides: Partial<TrainerConfig> = {}): TrainerConfig {
  counter += 1;
  const gw = tf.variable(
    tf.randomNormal([2, 16], 0, 1, 'float32', 11),
    true,
    `generator/w_i${counter}`,
  );
  const cw = tf.variable(
    tf.randomNormal([16, 1], 0, 0.5, 'float32', 12),
    true,
    `critic/w_i${counter}`,
  );
  return tinyGanConfig({
    generator: fromFunction('generator', (z) => tf.tanh(tf.matMul(z, gw)).reshape([-1, 4, 4, 1]), [
      gw,
    ]),
    critic: fromFunction('critic', (x) => tf.matMul(x.reshape([-1, 16]), cw), [cw]),
    dataset: new InMemoryDataset(tf.randomUniform([64, 4, 4, 1], -1, 1, 'float32', 13)),
    ...overrides,
  });
}

/**
 * A fresh, empty run folder under the system's temporary folder.
 *
 * @returns its path.
 */
export function temporaryLogdir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'gantry-hooks-'));
}
