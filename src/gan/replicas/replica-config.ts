import * as tf from '../../core/backend/tf.js';
import type { ReplicaConfig } from '../../core/distributed/agree-on-config.js';
import type { Optimizer } from '../../core/optim/optimizer.js';
import type { GanModel } from '../gan-model.js';
import type { StepParts } from '../update/step-parts.js';

/**
 * What must be the same on every replica for them to train one model: the settings (but the
 * logdir, each machine's own, and the best checkpoint's metric, which only the chief keeps), the
 * backend, the models' variable shapes, the loss and its hyperparameters (WGAN-GP's weight),
 * and each optimizer's class, hyperparameters and current learning rate. Names that only file
 * things (variables', optimizers') may differ between processes and are left out.
 *
 * @param parts - the run's collaborators.
 * @returns the configuration, flattened for {@link agreeOnConfig}.
 */
export function describeReplicaConfig(parts: StepParts): ReplicaConfig {
  const compared = Object.entries(parts.settings).filter(([key]) => !CHIEF_OR_MACHINE.has(key));
  return {
    ...Object.fromEntries(compared.map(([key, value]) => [key, value ?? null])),
    backend: tf.getBackend(),
    'generator.variables': shapesOf(parts.generator),
    'critic.variables': shapesOf(parts.critic),
    loss: parts.loss.name,
    ...Object.fromEntries(
      Object.entries(parts.loss.hyperparameters ?? {}).map(([key, value]) => [
        `loss.${key}`,
        value,
      ]),
    ),
    ...describeOptimizer('optimizers.critic', parts.optimizers.critic),
    ...describeOptimizer('optimizers.generator', parts.optimizers.generator),
  };
}

/** Settings that may differ: where files go, and what only the chief, which writes them, uses. */
const CHIEF_OR_MACHINE = new Set(['logdir', 'bestCheckpoint']);

function shapesOf(model: GanModel): string {
  return model.trainableVariables.map((v) => `[${v.shape.join(',')}]`).join(' ');
}

/** The optimizer's class and its own numeric and boolean hyperparameters (`beta1`, `decay`). */
function describeOptimizer(prefix: string, optimizer: Optimizer): ReplicaConfig {
  const hyperparameters = Object.entries(optimizer).filter(
    ([, value]) => typeof value === 'number' || typeof value === 'boolean',
  ) as [string, number | boolean][];
  return Object.fromEntries([
    [`${prefix}.class`, optimizer.constructor.name],
    [`${prefix}.learningRate`, optimizer.currentLearningRate()],
    ...hyperparameters.map(([key, value]) => [`${prefix}.${key}`, value]),
  ]) as ReplicaConfig;
}
