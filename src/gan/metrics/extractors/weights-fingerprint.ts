import { createHash } from 'node:crypto';
import type * as tf from '../../../core/backend/tf.js';

/**
 * A SHA-256 over named weights — names, shapes, dtypes and values, in name order — so two
 * models fingerprint alike exactly when they compute alike. Reads every weight once.
 *
 * @param weights - the model's weights by name.
 * @returns the hex digest.
 */
export function weightsFingerprint(weights: ReadonlyArray<readonly [string, tf.Tensor]>): string {
  const hash = createHash('sha256');
  const sorted = [...weights].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, tensor] of sorted) {
    hash.update(`${name}:${tensor.dtype}:[${tensor.shape.join(',')}]\n`);
    const values = tensor.dataSync();
    hash.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
  return hash.digest('hex');
}
