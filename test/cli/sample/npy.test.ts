import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeNpy } from '../../../src/cli/sample/npy.js';

function header(bytes: Buffer): { dict: string; dataOffset: number } {
  const length = bytes.readUInt16LE(8);
  return { dict: bytes.subarray(10, 10 + length).toString('latin1'), dataOffset: 10 + length };
}

describe('encodeNpy', () => {
  it('writes the NPY 1.0 magic, a little-endian float32 header and the values after it', () => {
    const values = new Float32Array([1.5, -2, 3.25, 0, 7, -0.5]);
    const bytes = encodeNpy(values, [3, 2]);
    assert.deepEqual([...bytes.subarray(0, 8)], [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
    const { dict, dataOffset } = header(bytes);
    assert.match(dict, /^\{'descr': '<f4', 'fortran_order': False, 'shape': \(3, 2\), \} *\n$/);
    assert.equal(dataOffset % 64, 0, 'the data starts on a 64-byte boundary');
    const data = new Float32Array(
      bytes.buffer.slice(bytes.byteOffset + dataOffset, bytes.byteOffset + bytes.length),
    );
    assert.deepEqual([...data], [...values]);
  });

  it('writes a one-dimensional shape as a Python 1-tuple', () => {
    assert.match(header(encodeNpy(new Float32Array(5), [5])).dict, /'shape': \(5,\)/);
  });

  it('refuses a shape that does not hold the values', () => {
    assert.throws(
      () => encodeNpy(new Float32Array(5), [2, 2]),
      /shape \[2, 2\] holds 4 values, got 5/,
    );
  });
});
