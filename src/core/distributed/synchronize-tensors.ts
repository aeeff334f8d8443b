import { createHash } from 'node:crypto';
import * as tf from '../backend/tf.js';
import { ReplicaError } from './replica-error.js';
import type { ReplicaGroup } from './replica-group.js';

/**
 * Averages gradients across replicas: every non-null gradient is packed into one buffer (one
 * device read, one collective), averaged, and unpacked into new tensors.
 *
 * @param group - the replicas.
 * @param gradsAndVars - this replica's gradients; they are disposed and replaced.
 * @returns the averaged gradients, in the same order, `null` where the input was `null`.
 */
export async function allReduceGradients<V>(
  group: ReplicaGroup,
  gradsAndVars: readonly [tf.Tensor | null, V][],
): Promise<[tf.Tensor | null, V][]> {
  if (group.worldSize === 1) return gradsAndVars.map(([grad, variable]) => [grad, variable]);
  const grads = gradsAndVars.flatMap(([grad]) => (grad === null ? [] : [grad]));
  const averaged = unpack(await group.allReduceMean(pack(grads)), grads);
  tf.dispose(grads);
  let next = 0;
  return gradsAndVars.map(([grad, variable]) => [
    grad === null ? null : averaged[next++]!,
    variable,
  ]);
}

/**
 * Makes every replica start from the chief's weights (at the start and after a resume).
 *
 * @param group - the replicas.
 * @param variables - the variables to overwrite with the chief's values, in the same order on
 *   every replica.
 */
export async function broadcastVariables(
  group: ReplicaGroup,
  variables: readonly tf.Variable[],
): Promise<void> {
  if (group.worldSize === 1) return;
  const values = unpack(await group.broadcast(pack(variables)), variables);
  variables.forEach((variable, i) => variable.assign(values[i]!));
  tf.dispose(values);
}

/**
 * Compares the replicas' weights: the chief's checksum is broadcast and every replica checks
 * its own against it; a mismatch anywhere stops every replica with the same error.
 *
 * @param group - the replicas.
 * @param variables - the weights that must agree.
 * @throws ReplicaError naming the first replica whose weights differ from the chief's.
 */
export async function checkReplicasAgree(
  group: ReplicaGroup,
  variables: readonly tf.Variable[],
): Promise<void> {
  if (group.worldSize === 1) return;
  const mine = checksumWords(pack(variables));
  const chiefs = await group.broadcast(mine);
  const differs = chiefs.some((word, i) => word !== mine[i]);
  const verdict = await group.agree(differs ? `replica ${group.rank}` : undefined);
  if (verdict !== undefined) {
    throw new ReplicaError(
      `${verdict}'s weights differ from the chief's: replicas have diverged ` +
        '(non-deterministic kernels or a model that differs between replicas)',
      Number(verdict.replace(/\D+/g, '')),
    );
  }
}

/**
 * One synchronous read, so that a collective sends before its caller's next line runs and the
 * transfer overlaps whatever the caller computes before awaiting the result (an awaited read
 * would defer the send until the caller yields).
 */
function pack(tensors: readonly tf.Tensor[]): Float32Array {
  if (tensors.length === 0) return new Float32Array(0);
  const flat = tf.tidy(() => tf.concat(tensors.map((tensor) => tensor.reshape([-1]).toFloat())));
  const values = flat.dataSync() as Float32Array;
  flat.dispose();
  return values;
}

function unpack(values: Float32Array, like: readonly tf.Tensor[]): tf.Tensor[] {
  const expected = like.reduce((total, tensor) => total + tensor.size, 0);
  if (values.length !== expected) {
    throw new ReplicaError(`received ${values.length} values for ${expected} weights`);
  }
  let offset = 0;
  return like.map((tensor) => {
    const part = tf.tensor(
      values.subarray(offset, offset + tensor.size),
      tensor.shape,
      tensor.dtype,
    );
    offset += tensor.size;
    return part;
  });
}

/** SHA-256 as 16 uint16 words, each exact in a float32, so a float collective can carry it. */
function checksumWords(values: Float32Array): Float32Array {
  const digest = createHash('sha256')
    .update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength))
    .digest();
  return Float32Array.from({ length: 16 }, (_, i) => digest.readUInt16LE(2 * i));
}
