import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initBackend } from '../../../../src/core/backend/index.js';
import * as tf from '../../../../src/core/backend/tf.js';
import { silentLogger } from '../../../../src/core/logger.js';

function wasmDataIds(): number {
  return (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
}

describe('Identity on wasm', () => {
  it('clones without a copy, and the clone outlives its source', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const before = wasmDataIds();
    const x = tf.tensor2d([1, -2, 3, -4, 5, 6], [2, 3]);
    const clone = tf.clone(x);
    assert.equal(wasmDataIds(), before + 1, 'the clone allocated its own buffer');
    x.dispose();
    assert.deepEqual(await clone.data(), new Float32Array([1, -2, 3, -4, 5, 6]));
    clone.dispose();
    assert.equal(wasmDataIds(), before, 'the shared buffer was not freed with its last user');
  });

  it('keeps a variable’s earlier clone unchanged when the variable is assigned', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const v = tf.variable(tf.tensor1d([1, 2, 3]));
    const clone = tf.clone(v);
    v.assign(tf.tensor1d([7, 8, 9]));
    assert.deepEqual(await clone.data(), new Float32Array([1, 2, 3]));
    assert.deepEqual(await v.data(), new Float32Array([7, 8, 9]));
    tf.dispose([v, clone]);
  });

  it('clones int32, bool and string tensors', async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    const ints = tf.clone(tf.tensor1d([1, -2], 'int32'));
    const bools = tf.clone(tf.tensor1d([1, 0], 'bool'));
    const strings = tf.clone(tf.tensor1d(['a', 'bc'], 'string'));
    assert.deepEqual(await ints.data(), new Int32Array([1, -2]));
    assert.deepEqual(await bools.data(), new Uint8Array([1, 0]));
    assert.deepEqual(await strings.array(), ['a', 'bc']);
    tf.dispose([ints, bools, strings]);
  });
});
