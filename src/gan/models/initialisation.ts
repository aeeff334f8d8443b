import type * as tf from '../../core/backend/tf.js';
import type { GanModel } from '../gan-model.js';

/**
 * How a network's initial weights were drawn: `seeded` when every random initialiser of its
 * layers has a seed, `unseeded` when one has none, `unknown` for a network gantry cannot look
 * into (a {@link GanModel} built from a function and its own variables that does not say).
 */
export type Initialisation = 'seeded' | 'unseeded' | 'unknown';

/** tfjs-layers' initialisers that draw random values; the others are constants. */
const RANDOM_INITIALIZERS = new Set([
  'RandomUniform',
  'RandomNormal',
  'TruncatedNormal',
  'VarianceScaling',
  'GlorotUniform',
  'GlorotNormal',
  'HeNormal',
  'HeUniform',
  'LeCunNormal',
  'LeCunUniform',
  'Orthogonal',
]);

/**
 * Tells whether a network's initial weights can be drawn again: tfjs-layers draws a layer's
 * weights with its initialisers, which draw unseeded unless given a seed, so a network is
 * repeatable exactly when every random initialiser of every layer with weights has one. Read
 * from the layers' serialised configs (`getConfig()`), which name each initialiser and its seed.
 *
 * @example
 * ```ts
 * initialisationOf(fromLayersModel(mlpGan({ seed: 1 }).critic)); // 'seeded'
 * initialisationOf(fromLayersModel(mlpGan().critic)); // 'unseeded'
 * ```
 * @param model - the network.
 * @returns how its weights were initialised.
 */
export function initialisationOf(model: GanModel): Initialisation {
  if (model.seededInitialisation !== undefined) {
    return model.seededInitialisation ? 'seeded' : 'unseeded';
  }
  if (model.layersModel === undefined) return 'unknown';
  return layersOf(model.layersModel).every(hasSeededInitializers) ? 'seeded' : 'unseeded';
}

function layersOf(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.flatMap((layer) =>
    'layers' in layer ? layersOf(layer as tf.LayersModel) : [layer],
  );
}

function hasSeededInitializers(layer: tf.layers.Layer): boolean {
  if (layer.weights.length === 0) return true;
  return Object.entries(layer.getConfig()).every(([key, value]) => {
    if (!key.endsWith('Initializer') || typeof value !== 'object' || value === null) return true;
    const { className, config } = value as { className?: unknown; config?: { seed?: unknown } };
    if (typeof className !== 'string' || !RANDOM_INITIALIZERS.has(className)) return true;
    return typeof config?.seed === 'number';
  });
}
