const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const HEADER_ALIGNMENT = 64;

/**
 * Encodes float32 values as a NumPy `.npy` file (format 1.0, little-endian `<f4`, C order), which
 * `numpy.load` reads as an array of the given shape.
 *
 * @param values - the values, in C (row-major) order.
 * @param shape - the array's shape; its product must equal `values.length`.
 * @returns the file's bytes.
 * @throws RangeError when the shape does not hold exactly the values.
 */
export function encodeNpy(values: Float32Array, shape: readonly number[]): Buffer {
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== values.length) {
    throw new RangeError(
      `encodeNpy: shape [${shape.join(', ')}] holds ${size} values, got ${values.length}`,
    );
  }
  // A 1-tuple needs its trailing comma in Python syntax: (5,).
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${dims}), }`;
  // Magic, version and header length take 10 bytes; the header ends in \n and pads the data's
  // start to a multiple of 64 bytes, as the format asks.
  const unpadded = MAGIC.length + 4 + dict.length + 1;
  const padding = (HEADER_ALIGNMENT - (unpadded % HEADER_ALIGNMENT)) % HEADER_ALIGNMENT;
  const header = `${dict}${' '.repeat(padding)}\n`;
  const prefix = Buffer.alloc(MAGIC.length + 4);
  prefix.set(MAGIC, 0);
  prefix.writeUInt8(1, 6);
  prefix.writeUInt8(0, 7);
  prefix.writeUInt16LE(header.length, 8);
  const data = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
  return Buffer.concat([prefix, Buffer.from(header, 'latin1'), data]);
}
