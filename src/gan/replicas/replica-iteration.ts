import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import { announce, type IterationIo } from '../iteration.js';
import {
  applyUpdate,
  criticGradients,
  generatorGradients,
  type ComputedUpdate,
  type StepParts,
} from '../train-step.js';
import { batchShard, takeShard } from './batch-shard.js';
import { reduceUpdate } from './reduce-update.js';

/**
 * One GAN iteration as one replica of a synchronous data-parallel run: the same `nCritic`
 * critic updates and one generator update as `runIteration`, each computed on this replica's
 * rows of the global batch, averaged across the group, then applied identically everywhere.
 * It never stops part-way (a failed hook is acted on at the iteration boundary), since a
 * replica that skipped a collective would leave the others waiting.
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
  const { batchSize, nCritic } = parts.settings;
  const shard = batchShard(group, batchSize);
  for (let i = 0; i < nCritic; i++) {
    const real = takeShard(io.dataset.next(batchSize), shard);
    const z = takeShard(io.noise.sample(batchSize), shard);
    let computed: ComputedUpdate;
    try {
      computed = criticGradients(parts, real, z, shard);
    } finally {
      real.dispose();
      z.dispose();
    }
    const outcome = applyUpdate(parts, await reduceUpdate(group, computed));
    announce(io, 'critic-step', iteration, outcome, parts);
  }
  const z = takeShard(io.noise.sample(batchSize), shard);
  let computed: ComputedUpdate;
  try {
    computed = generatorGradients(parts, z);
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
