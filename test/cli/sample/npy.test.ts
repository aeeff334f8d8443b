import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeNpy, encodeNpy, NpyError } from '../../../src/cli/sample/npy.js';

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

describe('decodeNpy', () => {
  it('reads back what encodeNpy writes', () => {
    const values = new Float32Array([1.5, -2, 3.25, 0, 7, -0.5]);
    const decoded = decodeNpy(encodeNpy(values, [3, 2]), 'x.npy');
    assert.deepEqual(decoded, { values, shape: [3, 2] });
  });

  it('names the file and the dtype of samples that are not float32', () => {
    const bytes = encodeNpy(new Float32Array(4), [2, 2]);
    const text = bytes.toString('latin1').replace("'<f4'", "'<i4'");
    assert.throws(
      () => decodeNpy(Buffer.from(text, 'latin1'), 'ints.npy'),
      (error: Error) =>
        error instanceof NpyError && /^ints\.npy holds int32 samples \('<i4'\)/.test(error.message),
    );
  });

  it('refuses a file that is not .npy, and one cut short', () => {
    assert.throws(
      () => decodeNpy(Buffer.from('hello world'), 'a.txt'),
      /a\.txt is not a NumPy \.npy file/,
    );
    const bytes = encodeNpy(new Float32Array(6), [3, 2]);
    assert.throws(
      () => decodeNpy(bytes.subarray(0, bytes.length - 4), 'cut.npy'),
      /cut\.npy: shape \[3, 2\] needs 24 bytes of data, the file has 20/,
    );
  });
});
