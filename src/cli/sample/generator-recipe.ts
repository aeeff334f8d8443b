import { z } from 'zod';
import type * as tf from '../../core/backend/tf.js';
import type { BackendRequest } from '../../core/backend/init-backend.js';
import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import { UsageError } from '../usage-error.js';
import {
  buildFromTopology,
  readTopologyFile,
  recordedTopology,
  type Topology,
} from './generator-topology.js';
import { rebuildModels } from './rebuild-models.js';
import { runConfigFileOf, runConfigOf } from './sample-config.js';

/** Where `gantry sample` and `gantry export` find a run's checkpoint and its generator. */
export interface SavedRunLocation {
  logdir?: string;
  checkpoint?: string;
  /** `--generator FILE`: a model.json or topology to build the generator from instead. */
  generator?: string;
}

/** How to rebuild a run's generator, once the backend it names has started. */
export interface GeneratorRecipe {
  /** The backend the run trained on, when it says. */
  readonly backend: BackendRequest | undefined;
  /** Builds the generator, freshly initialised, ready for the checkpoint's weights. */
  build(): Promise<tf.LayersModel>;
}

/** The help line of `--generator FILE`. */
export const GENERATOR_OPTION =
  "a model.json (or model.toJSON()'s JSON) to build the generator from, for a checkpoint " +
  'that records no topology (a generator made with fromFunction, or an older gantry)';

const recordedBackend = z.object({ backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']) });

/**
 * Decides how to rebuild the generator of the run that wrote a checkpoint, in this order:
 * `--generator FILE`; the topology the trainer records in each checkpoint (any run of
 * `createTrainer`, from `gantry train`, the example or a user's script, whose generator is a
 * `LayersModel`); the `gantry train` config of an older checkpoint (saved inside it, or the run's
 * `config.json`).
 *
 * @param manifest - the checkpoint's manifest.
 * @param location - the command's `--logdir`, `--checkpoint` and `--generator`.
 * @param path - the checkpoint file.
 * @returns the recipe.
 * @throws UsageError saying what to pass when none of these describes the generator.
 */
export function generatorRecipeOf(
  manifest: CheckpointManifest,
  location: SavedRunLocation,
  path: string,
): GeneratorRecipe {
  const saved = recordedBackend.safeParse(manifest.config);
  const backend = saved.success ? saved.data.backend : undefined;
  const fromTopology = (topology: Topology, source: string): GeneratorRecipe => ({
    backend,
    build: () => buildFromTopology(topology, source),
  });
  if (location.generator !== undefined) {
    return fromTopology(readTopologyFile(location.generator), location.generator);
  }
  const topology = recordedTopology(manifest);
  if (topology !== null && topology !== undefined) return fromTopology(topology, path);
  const config = runConfigOf(manifest, location.logdir, path);
  if (config !== undefined) {
    return {
      backend: config.backend ?? backend,
      build: () => {
        const { generator, critic } = rebuildModels(config, manifest);
        critic.dispose();
        return Promise.resolve(generator);
      },
    };
  }
  throw topology === null
    ? fromFunctionError(path)
    : new UsageError(
        `${path} records no generator topology (an older gantry wrote it) nor a gantry train ` +
          `config, and there is no ${runConfigFileOf(location.logdir, path)}; pass ` +
          `${GENERATOR_FLAG}, or --logdir with the run's folder (its config.json)`,
      );
}

const GENERATOR_FLAG =
  "--generator FILE, a TensorFlow.js model.json (or model.toJSON()'s JSON) of the run's " +
  'generator architecture whose weights carry the names the checkpoint holds (gantry ' +
  'inspect lists them)';

function fromFunctionError(path: string): UsageError {
  return new UsageError(
    `the generator of ${path} was made with fromFunction, so the checkpoint records no ` +
      `architecture to rebuild it from; pass ${GENERATOR_FLAG}, e.g. a tf.LayersModel computing ` +
      'the same function with layers named after its variables (generator/dense → ' +
      'generator/dense/kernel), saved with exportGenerator',
  );
}
