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

/** A `.npy` file gantry cannot read: not NumPy's format, or not float32 C-order samples. */
export class NpyError extends Error {
  override readonly name = 'NpyError';
}

/**
 * Decodes a NumPy `.npy` file of float32 samples, as {@link encodeNpy} and `gantry sample`
 * write them (format 1.0–3.0, `<f4`, C order).
 *
 * @param bytes - the file's bytes.
 * @param path - the file, for messages.
 * @returns the values (copied, aligned) and the shape.
 * @throws NpyError naming the file for another format, another dtype, Fortran order, or a
 *   size that does not match the shape.
 */
export function decodeNpy(
  bytes: Uint8Array,
  path: string,
): { values: Float32Array; shape: number[] } {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (file.length < 10 || !MAGIC.every((byte, i) => file[i] === byte)) {
    throw new NpyError(
      `${path} is not a NumPy .npy file (no \\x93NUMPY magic); write it with gantry sample --out FILE.npy or numpy.save`,
    );
  }
  const major = file[6]!;
  const wide = major >= 2;
  const headerLength = wide ? file.readUInt32LE(8) : file.readUInt16LE(8);
  const dataStart = (wide ? 12 : 10) + headerLength;
  const header = file.subarray(wide ? 12 : 10, dataStart).toString('latin1');
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const dims = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (
    descr === undefined ||
    fortran === undefined ||
    dims === undefined ||
    dataStart > file.length
  ) {
    throw new NpyError(`${path}: the .npy header is malformed (${JSON.stringify(header.trim())})`);
  }
  if (descr !== '<f4') {
    throw new NpyError(
      `${path} holds ${describeDtype(descr)} samples ('${descr}'); gantry reads float32 ('<f4'), ` +
        "as gantry sample writes them (numpy: array.astype('<f4'))",
    );
  }
  if (fortran === 'True') {
    throw new NpyError(`${path} is in Fortran order; save it in C order (numpy.ascontiguousarray)`);
  }
  const shape = dims
    .split(',')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map(Number);
  const size = shape.reduce((a, b) => a * b, 1);
  if (file.length - dataStart !== size * 4) {
    throw new NpyError(
      `${path}: shape [${shape.join(', ')}] needs ${size * 4} bytes of data, the file has ` +
        `${file.length - dataStart}; the file is truncated or damaged`,
    );
  }
  const values = new Float32Array(size);
  new Uint8Array(values.buffer).set(file.subarray(dataStart));
  return { values, shape };
}

function describeDtype(descr: string): string {
  const kinds: Record<string, string> = { f: 'float', i: 'int', u: 'uint', b: 'bool' };
  const kind = kinds[descr.charAt(1)];
  const bits = Number(descr.slice(2)) * 8;
  return kind === undefined || !Number.isFinite(bits)
    ? 'non-float32'
    : `${kind}${kind === 'bool' ? '' : bits}`;
}
