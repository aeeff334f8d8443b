import * as tf from '../../core/backend/tf.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import type { CompiledUpdates } from '../compiled/compiled-updates.js';
import type { ReplicaShare } from '../compiled/replica-share.js';
import { announce, type IterationIo } from '../iteration.js';
import type { BatchShard } from '../losses/gan-loss.js';
import { applyUpdate, type StepOutcome } from '../update/apply-update.js';
import {
  computeCriticUpdate,
  computeGeneratorUpdate,
  generateFakes,
} from '../update/compute-update.js';
import type { StepParts } from '../update/step-parts.js';
import { batchShard, takeShard } from './batch-shard.js';
import { reduceUpdate } from './reduce-update.js';

/**
 * One replica's GAN iteration with compiled updates (`execution` compiled or auto): the same
 * draws, shards and updates as `runReplicaIteration`, but each update is one TensorFlow
 * function holding the replicas' mean, so the overlap of the gradients' travel with the rest
 * of the step is TensorFlow's executor's, not a prefetch of the next batch. An update that
 * runs eagerly (`auto` after a failed trace, or a group without an in-graph mean) is computed,
 * averaged through the group and applied as in the eager iteration.
 *
 * @param parts - the run's collaborators.
 * @param compiled - the run's compiled updates.
 * @param iteration - iterations completed before this one in this run.
 * @param io - data sources and the event sink.
 * @param group - the replicas.
 */
export async function runCompiledReplicaIteration(
  parts: StepParts,
  compiled: CompiledUpdates,
  iteration: number,
  io: IterationIo,
  group: ReplicaGroup,
): Promise<void> {
  const { batchSize, nCritic } = parts.settings;
  const shard = batchShard(group, batchSize);
  const replica: ReplicaShare = { shard, mean: group.inGraphMean };
  for (let i = 0; i < nCritic; i++) {
    const real = takeShard(io.dataset.next(batchSize), shard);
    let outcome: StepOutcome;
    try {
      const z = takeShard(io.noise.sample(batchSize), shard);
      try {
        outcome =
          compiled.replicaCriticUpdate(parts, real, z, replica) ??
          (await eagerCriticUpdate(parts, real, z, shard, group));
      } finally {
        z.dispose();
      }
    } finally {
      real.dispose();
    }
    announce(io, 'critic-step', iteration, outcome, parts);
  }
  const z = takeShard(io.noise.sample(batchSize), shard);
  let outcome: StepOutcome;
  try {
    outcome =
      compiled.replicaGeneratorUpdate(parts, z, replica) ??
      applyUpdate(parts, await reduceUpdate(group, computeGeneratorUpdate(parts, z)));
  } finally {
    z.dispose();
  }
  announce(io, 'generator-step', iteration, outcome, parts);
}

async function eagerCriticUpdate(
  parts: StepParts,
  real: tf.Tensor,
  z: tf.Tensor,
  shard: BatchShard,
  group: ReplicaGroup,
): Promise<StepOutcome> {
  const fake = generateFakes(parts, z);
  let computed;
  try {
    computed = computeCriticUpdate(parts, real, fake, shard);
  } finally {
    fake.dispose();
  }
  return applyUpdate(parts, await reduceUpdate(group, computed));
}
