import * as tf from '../../core/backend/tf.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import type { BatchShard } from '../losses/gan-loss.js';
import { announce, type IterationIo } from '../iteration.js';
import { applyUpdate } from '../update/apply-update.js';
import {
  computeCriticUpdate,
  computeGeneratorUpdate,
  generateFakes,
} from '../update/compute-update.js';
import { disposeUpdate, type ComputedUpdate } from '../update/computed-update.js';
import type { StepParts } from '../update/step-parts.js';
import { batchShard, takeShard } from './batch-shard.js';
import { runCompiledReplicaIteration } from './compiled-replica-iteration.js';
import { reduceUpdate } from './reduce-update.js';

/** This replica's rows of one critic update's real batch and the generator's fakes. */
interface CriticBatch {
  readonly real: tf.Tensor;
  readonly fake: tf.Tensor;
}

/**
 * One GAN iteration as one replica of a synchronous data-parallel run: the same `nCritic`
 * critic updates and one generator update as `runIteration`, each computed on this replica's
 * rows of the global batch, averaged across the group, then applied identically everywhere.
 * It never stops part-way (a failed hook is acted on at the iteration boundary), since a
 * replica that skipped a collective would leave the others waiting.
 *
 * While a critic update's gradients travel, the replica draws the next critic batch and runs
 * the generator on its noise: the critic's updates do not change the generator, the draws keep
 * their order, and the wait for the slower replica and the wire turns into work that was due
 * anyway. With compiled updates (`execution` compiled, or auto where they can run; see
 * `CompiledUpdates.compilesReplicaUpdates`) the iteration is `runCompiledReplicaIteration`'s.
 *
 * @param parts - the run's collaborators.
 * @param iteration - iterations completed before this one in this run.
 * @param io - data sources and the event sink.
 * @param group - the replicas.
 */
export async function runReplicaIteration(
  parts: StepParts,
  iteration: number,
  io: IterationIo,
  group: ReplicaGroup,
): Promise<void> {
  if (parts.compiled?.compilesReplicaUpdates(group.inGraphMean) === true)
    return runCompiledReplicaIteration(parts, parts.compiled, iteration, io, group);
  const { batchSize, nCritic } = parts.settings;
  const shard = batchShard(group, batchSize);
  let next: CriticBatch | undefined = drawCriticBatch(parts, io, shard);
  try {
    for (let i = 0; next !== undefined; i++) {
      const { real, fake } = next;
      next = undefined;
      let computed: ComputedUpdate;
      try {
        computed = computeCriticUpdate(parts, real, fake, shard);
      } finally {
        tf.dispose([real, fake]);
      }
      const reduced = reduceUpdate(group, computed);
      try {
        if (i + 1 < nCritic) next = drawCriticBatch(parts, io, shard);
      } catch (error) {
        void reduced.then(disposeUpdate, () => undefined);
        throw error;
      }
      announce(io, 'critic-step', iteration, applyUpdate(parts, await reduced), parts);
    }
  } finally {
    if (next !== undefined) tf.dispose([next.real, next.fake]);
  }
  const z = takeShard(io.noise.sample(batchSize), shard);
  let computed: ComputedUpdate;
  try {
    computed = computeGeneratorUpdate(parts, z);
  } finally {
    z.dispose();
  }
  announce(
    io,
    'generator-step',
    iteration,
    applyUpdate(parts, await reduceUpdate(group, computed)),
    parts,
  );
}

function drawCriticBatch(parts: StepParts, io: IterationIo, shard: BatchShard): CriticBatch {
  const { batchSize } = parts.settings;
  const real = takeShard(io.dataset.next(batchSize), shard);
  try {
    const z = takeShard(io.noise.sample(batchSize), shard);
    try {
      return { real, fake: generateFakes(parts, z) };
    } finally {
      z.dispose();
    }
  } catch (error) {
    real.dispose();
    throw error;
  }
}
