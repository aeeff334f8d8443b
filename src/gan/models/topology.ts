import type { JsonValue } from '../../core/checkpoint/checkpointable.js';
import type { GanModel } from '../gan-model.js';

/**
 * A network's architecture as tfjs-layers serialises it — `model.toJSON()`, Keras's model
 * config: every layer with its class and settings, no weights — which `tf.models.modelFromJSON`
 * builds again. The trainer records the generator's in every checkpoint (`topology.generator`),
 * so `gantry sample` and `gantry export` rebuild it from the checkpoint alone whatever built it:
 * `dcgan`, `mlpGan`, or a user's own `tf.sequential` or `tf.model` of tfjs's layers. It is small
 * (about 3 KB for a 28×28 DCGAN generator, 5 KB at 64×64).
 *
 * @example
 * ```ts
 * topologyOf(fromLayersModel(mlpGan({ width: 8 }).generator));
 * // { class_name: 'Sequential', config: { name: 'generator', layers: [...] }, keras_version: ... }
 * ```
 * @param model - the network.
 * @returns its topology, or `null` for a network with no `LayersModel` behind it (one made with
 *   `fromFunction`), whose architecture is code that gantry cannot save.
 */
export function topologyOf(model: GanModel): JsonValue | null {
  if (model.layersModel === undefined) return null;
  // With returnString false, toJSON returns the dict, never the string.
  return model.layersModel.toJSON(null, false) as JsonValue;
}
