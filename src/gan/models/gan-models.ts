import type * as tf from '../../core/backend/tf.js';

/**
 * A generator and a critic built by gantry. Their layers are named under `generator/` and
 * `critic/`, so weights carry TensorFlow-style names (`critic/conv2d_1/kernel`) in checkpoints,
 * summaries and errors.
 */
export interface GanModels {
  generator: tf.LayersModel;
  critic: tf.LayersModel;
  /** Length of the noise vector the generator takes. */
  noiseSize: number;
  /** Shape of one generated sample. */
  sampleShape: number[];
}

/** Builds a layer name under a model's scope: `scoped('critic', 'dense', 1)` → `critic/dense_1`. */
export function scoped(scope: string, layer: string, index = 0): string {
  return `${scope}/${layer}${index === 0 ? '' : `_${index}`}`;
}
