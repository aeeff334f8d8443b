import * as tf from '../../src/core/backend/tf.js';
import type { ExponentialMovingAverage } from '../../src/core/optim/index.js';
import { withAveragedWeights } from '../../src/gan/averaged-weights.js';
import type { GanModel } from '../../src/gan/index.js';

/**
 * Runs the generator in inference mode on `count` seeded latent vectors, with the moving
 * average of its weights in place of its weights when the run kept one (the weights are put
 * back afterwards), in chunks so that large sample sets fit in memory.
 *
 * @param generator - the trained generator.
 * @param average - the run's moving average of the generator's weights, if any.
 * @param options - how many samples, the latent width and the noise seed.
 * @returns the samples, `[count, ...sampleShape]`; the caller disposes it.
 */
export function averagedSamples(
  generator: GanModel,
  average: ExponentialMovingAverage | undefined,
  options: { count: number; latentDim: number; seed: number; chunk?: number },
): tf.Tensor {
  const chunk = options.chunk ?? 500;
  return withAveragedWeights(generator, average, () => {
    const parts: tf.Tensor[] = [];
    for (let start = 0; start < options.count; start += chunk) {
      const rows = Math.min(chunk, options.count - start);
      parts.push(
        tf.tidy(() => {
          const z = tf.randomNormal(
            [rows, options.latentDim],
            0,
            1,
            'float32',
            options.seed + start,
          );
          return generator.apply(z, false);
        }),
      );
    }
    const all = tf.concat(parts, 0);
    tf.dispose(parts);
    return all;
  });
}
