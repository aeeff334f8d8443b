import type { NamedTensors } from '../../core/backend/tensorflow-trace/index.js';
import * as tf from '../../core/backend/tf.js';
import type { StepName } from '../../core/events/training-event.js';
import type { AppliedStep } from '../../core/optim/optimizer.js';
import { reduceInGraph } from '../replicas/reduce-in-graph.js';
import { clipGradients, constrainCritic } from '../update/apply-update.js';
import {
  computeCriticUpdate,
  computeGeneratorUpdate,
  generateFakes,
} from '../update/compute-update.js';
import type { StepParts } from '../update/step-parts.js';
import { withDraws } from './critic-draws.js';
import { GRADIENT, METRIC } from './named-outputs.js';
import type { ReplicaShare } from './replica-share.js';

/**
 * What a compiled update computes, as `update-step.ts` does between the draws and the step
 * event: the critic's fakes, loss, metrics and gradients (or the generator's), for a replica
 * their mean across the group (`reduceInGraph`), global-norm clipping, the optimizer's update
 * and the critic's weight clip and constraints. Traced once into a TensorFlow function.
 *
 * @param parts - the run's collaborators.
 * @param step - which network.
 * @param learningRate - the rate at the step (an argument, so a schedule does not retrace).
 * @param args - for a replica the instance key first; then real and z (critic) or z
 *   (generator); then the critic's draws.
 * @param replica - this replica's shard and the group's mean, when replicated.
 * @returns the function's named outputs (loss, `metric/…`, `gradient/<i>` with observers) and
 *   what the optimizer reported.
 */
export function updateBody(
  parts: StepParts,
  step: StepName,
  learningRate: tf.Tensor,
  args: tf.Tensor[],
  replica: ReplicaShare | undefined,
): { named: NamedTensors; applied: AppliedStep } {
  let applied: AppliedStep | undefined;
  const named = tf.tidy(() => {
    const [instanceKey, inputs] =
      replica === undefined ? [undefined, args] : [args[0], args.slice(1)];
    const [first, second, ...draws] = inputs as [tf.Tensor, tf.Tensor, ...tf.Tensor[]];
    const local =
      step === 'critic'
        ? computeCriticUpdate(
            withDraws(parts, draws),
            first,
            generateFakes(parts, second),
            replica?.shard,
          )
        : computeGeneratorUpdate(parts, first);
    const computed =
      replica?.mean === undefined || instanceKey === undefined
        ? local
        : reduceInGraph(replica.mean, instanceKey, local);
    const result: NamedTensors = { loss: computed.loss };
    for (const [name, metric] of Object.entries(computed.metrics))
      result[`${METRIC}${name}`] = metric;
    const { gradsAndVars, norm } = clipGradients(
      computed.gradsAndVars,
      parts.settings.gradientClipNorm,
    );
    if (norm !== undefined) result[`${METRIC}gradient_norm/${step}`] = norm;
    applied = parts.optimizers[step].applyGradients(gradsAndVars, {
      globalStep: parts.steps[step],
      learningRateTensor: learningRate as tf.Scalar,
    });
    if (parts.gradientObservers.length > 0) {
      const variables =
        step === 'critic' ? parts.critic.trainableVariables : parts.generator.trainableVariables;
      gradsAndVars.forEach(([grad, variable]) => {
        if (grad !== null) result[`${GRADIENT}${variables.indexOf(variable)}`] = grad;
      });
    }
    if (step === 'critic') constrainCritic(parts);
    return result;
  });
  // Set inside the tidy, which returns only tensors.
  return { named, applied: applied! };
}
