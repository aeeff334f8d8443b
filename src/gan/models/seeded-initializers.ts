import * as tf from '../../core/backend/tf.js';
import { deriveSeed } from '../../core/random/derive-seed.js';

/**
 * The kernel initialiser of one of gantry's layers: tfjs-layers' default for dense and
 * convolution kernels (Glorot normal), seeded from the run's seed and the layer's name (stream
 * `init/<layer>`), so equal seeds give equal networks on every backend (tfjs draws initial
 * values in JavaScript) and adding a layer leaves the others' weights as they were. Biases and
 * batch-norm parameters start at constants and need no seed.
 *
 * @param seed - the run's seed; `undefined` keeps tfjs's unseeded default.
 * @param layerName - the layer's scoped name, e.g. `critic/dense_1`.
 * @returns layer arguments to spread into `tf.layers.dense({...})` and the like.
 */
export function seededKernel(
  seed: number | undefined,
  layerName: string,
): { kernelInitializer?: ReturnType<typeof tf.initializers.glorotNormal> } {
  if (seed === undefined) return {};
  return {
    kernelInitializer: tf.initializers.glorotNormal({
      seed: deriveSeed(seed, 'init', layerName),
    }),
  };
}
