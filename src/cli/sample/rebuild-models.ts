import type { CheckpointManifest } from '../../core/checkpoint/manifest.js';
import type { GanModels } from '../../gan/models/gan-models.js';
import { trainDefaults } from '../config/train-defaults.js';
import type { TrainOptions } from '../config/train-options.js';
import { createModels, type ModelConfig } from '../train/create-models.js';
import { UsageError } from '../usage-error.js';

/**
 * Rebuilds the networks of a `gantry train` run from its config (model family and sizes, with
 * the preset's defaults for any the config leaves out), ready for a checkpoint's weights.
 *
 * @param options - the run's config.
 * @param manifest - the checkpoint's manifest (an MLP's data size is read from it).
 * @returns freshly initialised generator and critic of the run's architecture.
 * @throws UsageError when the config and the checkpoint do not describe one model.
 */
export function rebuildModels(options: TrainOptions, manifest: CheckpointManifest): GanModels {
  const { dataset = 'ring8', loss, model } = options;
  const config = { ...trainDefaults({ dataset, loss, model }), ...options };
  return createModels(config, sampleShapeOf(config, manifest));
}

function sampleShapeOf(
  config: ModelConfig & Pick<TrainOptions, 'imageSize' | 'channels'>,
  manifest: CheckpointManifest,
): number[] {
  if (config.model === 'dcgan') {
    if (config.imageSize === undefined || config.channels === undefined) {
      throw new UsageError('the run config of a dcgan model needs imageSize and channels');
    }
    return [config.imageSize, config.imageSize, config.channels];
  }
  // An MLP's data size is the width of its output layer, which the checkpoint records.
  const name = `generator/dense_${config.depth}/kernel`;
  const output = manifest.variables[name];
  if (output === undefined) {
    throw new UsageError(
      `the checkpoint has no ${name}, the output layer of the run's ${config.depth}-layer mlp ` +
        `generator; is it this run's checkpoint?`,
    );
  }
  return [output.shape[1]!];
}
