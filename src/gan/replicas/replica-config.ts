import * as tf from '../../core/backend/tf.js';
import type { ReplicaConfig } from '../../core/distributed/agree-on-config.js';
import type { Optimizer } from '../../core/optim/optimizer.js';
import type { GanModel } from '../gan-model.js';
import type { StepParts } from '../train-step.js';

/**
 * What must be the same on every replica for them to train one model: the settings (but the
 * logdir, which is each machine's own), the backend, the models' variable shapes, the loss,
 * and each optimizer's class, hyperparameters and current learning rate. Names that only file
 * things (variables', optimizers') may differ between processes and are left out.
 *
 * @param parts - the run's collaborators.
 * @returns the configuration, flattened for {@link agreeOnConfig}.
 */
export function describeReplicaConfig(parts: StepParts): ReplicaConfig {
  const { bestCheckpoint, ...settings } = parts.settings;
  const compared = Object.entries(settings).filter(([key]) => key !== 'logdir');
  return {
    ...Object.fromEntries(compared.map(([key, value]) => [key, value ?? null])),
    backend: tf.getBackend(),
    bestCheckpoint: bestCheckpoint === undefined ? null : JSON.stringify(bestCheckpoint),
    'generator.variables': shapesOf(parts.generator),
    'critic.variables': shapesOf(parts.critic),
    loss: parts.loss.name,
    ...describeOptimizer('optimizers.critic', parts.optimizers.critic),
    ...describeOptimizer('optimizers.generator', parts.optimizers.generator),
  };
}

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
