import * as tf from '../../core/backend/tf.js';
import { ReplicaError } from '../../core/distributed/replica-error.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import type { BatchShard } from '../losses/gan-loss.js';

/**
 * The rows of the global batch one replica trains on: replica `r` of `R` keeps rows
 * `[r·B/R, (r+1)·B/R)`. Every replica draws the whole global batch, so the data order and the
 * noise do not depend on `R` and a run resumes with any replica count that divides `B`.
 *
 * @param group - the replicas (only `rank` and `worldSize` are read).
 * @param globalSize - the global batch size `B` (`batchSize` in the config).
 * @returns this replica's share.
 * @throws ReplicaError when `B` is not a multiple of `R` (unequal shards would weight rows
 *   unequally in the averaged gradient).
 */
export function batchShard(
  group: Pick<ReplicaGroup, 'rank' | 'worldSize'>,
  globalSize: number,
): BatchShard {
  const { rank, worldSize } = group;
  if (globalSize % worldSize !== 0) {
    throw new ReplicaError(
      `batchSize ${globalSize} is not a multiple of the ${worldSize} replicas: ` +
        'choose a batch size divisible by the replica count',
    );
  }
  const size = globalSize / worldSize;
  return { offset: rank * size, size, globalSize };
}

/**
 * Keeps one replica's rows of a global batch.
 *
 * @param batch - the global batch; disposed.
 * @param shard - which rows to keep.
 * @returns a new tensor with `shard.size` rows.
 */
export function takeShard(batch: tf.Tensor, shard: BatchShard): tf.Tensor {
  if (shard.size === shard.globalSize) return batch;
  const rows = tf.slice(batch, shard.offset, shard.size);
  batch.dispose();
  return rows;
}
