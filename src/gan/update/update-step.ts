import type * as tf from '../../core/backend/tf.js';
import { applyUpdate, type StepOutcome } from './apply-update.js';
import { computeCriticUpdate, computeGeneratorUpdate, generateFakes } from './compute-update.js';
import type { StepParts } from './step-parts.js';

/**
 * One whole critic update in one process: compute it (`computeCriticUpdate` on the real batch
 * and the generator's fakes), then apply it (`applyUpdate`: clip, guard, apply, observe, weight
 * clip and constraints). These two functions are the seam where an update is made: replicas
 * call the halves separately to average in between, and a compiled update (one traced graph)
 * replaces both halves here, taking the same inputs and returning the same {@link StepOutcome}.
 *
 * @param parts - the run's collaborators.
 * @param real - a real batch (caller disposes).
 * @param z - a latent batch (caller disposes).
 * @returns the numbers for the `critic-step` event.
 */
export function criticUpdate(parts: StepParts, real: tf.Tensor, z: tf.Tensor): StepOutcome {
  if (parts.compiled !== undefined) return parts.compiled.criticUpdate(parts, real, z);
  const fake = generateFakes(parts, z);
  try {
    return applyUpdate(parts, computeCriticUpdate(parts, real, fake));
  } finally {
    fake.dispose();
  }
}

/**
 * One whole generator update in one process: compute it, then apply it (advancing
 * `global_step/generator`, then the moving average of the generator's weights). See
 * {@link criticUpdate} for the seam.
 *
 * @param parts - the run's collaborators.
 * @param z - a latent batch (caller disposes).
 * @returns the numbers for the `generator-step` event.
 */
export function generatorUpdate(parts: StepParts, z: tf.Tensor): StepOutcome {
  if (parts.compiled !== undefined) return parts.compiled.generatorUpdate(parts, z);
  return applyUpdate(parts, computeGeneratorUpdate(parts, z));
}
