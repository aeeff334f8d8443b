import { readFileSync } from 'node:fs';
import * as tf from '../../core/backend/tf.js';
import type { JsonValue } from '../../core/checkpoint/checkpointable.js';
import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import { UsageError } from '../usage-error.js';

/** A model's architecture as `model.toJSON()` writes it (Keras's model config). */
export type Topology = { [key: string]: JsonValue };

/**
 * The generator's topology that the trainer records in each checkpoint
 * (`config.topology.generator`; see `topologyOf`).
 *
 * @param manifest - the checkpoint's manifest.
 * @returns the topology; `null` where the trainer recorded that the generator has none (it was
 *   made with `fromFunction`); `undefined` for a checkpoint that does not say (an older gantry's,
 *   or one not written by the trainer).
 */
export function recordedTopology(manifest: CheckpointManifest): Topology | null | undefined {
  const topology = (manifest.config as { topology?: { generator?: JsonValue } } | null)?.topology;
  const generator = topology?.generator;
  if (generator === null) return null;
  return isObject(generator) ? generator : undefined;
}

/**
 * Reads the `--generator FILE` of `gantry sample` and `gantry export`: a `model.json` as
 * `exportGenerator` or `model.save` writes it (only its `modelTopology` is read, not its
 * weights), or a bare topology as `model.toJSON()` returns it.
 *
 * @param path - the file.
 * @returns the topology in it.
 * @throws UsageError when the file cannot be read or holds no topology.
 */
export function readTopologyFile(path: string): Topology {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--generator ${path}: cannot read it as JSON (${String(error)})`);
  }
  const topology = isObject(value) && 'modelTopology' in value ? value.modelTopology : value;
  if (!isObject(topology) || typeof topology.class_name !== 'string') {
    throw new UsageError(
      `--generator ${path} holds no model topology; give a model.json (as gantry export ` +
        'writes) or the JSON of model.toJSON()',
    );
  }
  return topology;
}

/**
 * Builds a freshly initialised model from a topology, for a checkpoint's weights.
 *
 * @param topology - the architecture.
 * @param source - where it came from, for messages.
 * @returns the model.
 * @throws UsageError when tfjs cannot build it (a layer class it does not know, such as a
 *   custom layer, or a malformed config).
 */
export async function buildFromTopology(
  topology: Topology,
  source: string,
): Promise<tf.LayersModel> {
  try {
    return await tf.models.modelFromJSON({ modelTopology: topology });
  } catch (error) {
    throw new UsageError(
      `cannot build the generator from the topology in ${source}: ` +
        `${error instanceof Error ? error.message : String(error)}; a model with a custom ` +
        'layer class needs that class registered (tf.serialization.registerClass), which only ' +
        'your own code can do: build the model there and load it with restoreGenerator',
    );
  }
}

function isObject(value: unknown): value is Topology {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
