import * as tf from '../../src/core/backend/tf.js';
import { deriveSeed } from '../../src/core/random/derive-seed.js';
import { DIGIT_FEATURES_LAYER } from '../../src/gan/metrics/extractors/digit-classifier.js';

/**
 * The shipped digit classifier: three strided 5×5/3×3 convolutions (16, 32, 48 filters) to a
 * 64-unit ReLU layer — the features the metrics read — and a 10-way softmax. About 77,000
 * weights: 154 KB at half precision, and a forward pass cheap next to the generator's.
 *
 * @param seed - seeds every layer's initial weights (`init/<layer>`).
 * @returns the untrained model.
 */
export function buildDigitClassifier(seed: number): tf.Sequential {
  const init = (name: string) =>
    tf.initializers.glorotUniform({ seed: deriveSeed(seed, 'init', name) });
  const conv = (name: string, filters: number, kernelSize: number): tf.layers.Layer =>
    tf.layers.conv2d({
      name,
      filters,
      kernelSize,
      strides: 2,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(name),
      ...(name === 'conv1' ? { inputShape: [28, 28, 1] } : {}),
    });
  return tf.sequential({
    name: 'digit_classifier',
    layers: [
      conv('conv1', 16, 5),
      conv('conv2', 32, 5),
      conv('conv3', 48, 3),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({
        name: DIGIT_FEATURES_LAYER,
        units: 64,
        activation: 'relu',
        kernelInitializer: init(DIGIT_FEATURES_LAYER),
      }),
      tf.layers.dense({
        name: 'logits',
        units: 10,
        activation: 'softmax',
        kernelInitializer: init('logits'),
      }),
    ],
  });
}
