import * as tf from '../../../src/core/backend/tf.js';
import { layersModelExtractor, type FeatureExtractor } from '../../../src/gan/metrics/index.js';

/**
 * A feature extractor small enough for tests: `[N, 2, 2, 1]` images → 3 tanh features, fixed
 * weights (seeded), and a 2-class softmax head when `classify`.
 *
 * @param options - whether it classifies, and a weight scale that changes its fingerprint.
 * @returns the extractor and its model (the caller disposes the model).
 */
export function tinyExtractor(options: { classify?: boolean; scale?: number } = {}): {
  extractor: FeatureExtractor;
  model: tf.LayersModel;
} {
  const init = (seed: number) =>
    tf.initializers.randomNormal({ mean: 0, stddev: options.scale ?? 1, seed });
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [2, 2, 1] }),
      tf.layers.dense({
        name: 'features',
        units: 3,
        activation: 'tanh',
        kernelInitializer: init(1),
      }),
      tf.layers.dense({
        name: 'classes',
        units: 2,
        activation: 'softmax',
        kernelInitializer: init(2),
      }),
    ],
  });
  const extractor = layersModelExtractor(model, {
    name: 'tiny',
    inputShape: [2, 2, 1],
    layer: 'features',
    classify: options.classify ?? false,
  });
  return { extractor, model };
}
