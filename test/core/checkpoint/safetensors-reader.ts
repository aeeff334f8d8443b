// An independent reader of the safetensors layout, written from the format description
// (huggingface/safetensors README) without gantry's code, to check what gantry writes.
import { readFileSync } from 'node:fs';

export interface ReadTensor {
  dtype: string;
  shape: number[];
  values: number[];
}

export interface ReadFile {
  tensors: Map<string, ReadTensor>;
  metadata: Record<string, string>;
  dataStart: number;
}

export function readSafetensors(path: string): ReadFile {
  const file = readFileSync(path);
  const headerLength = Number(file.readBigUInt64LE(0));
  const header = JSON.parse(file.toString('utf8', 8, 8 + headerLength)) as Record<string, unknown>;
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, ReadTensor>();
  let metadata: Record<string, string> = {};
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = entry as Record<string, string>;
      continue;
    }
    const { dtype, shape, data_offsets } = entry as {
      dtype: string;
      shape: number[];
      data_offsets: [number, number];
    };
    const at = dataStart + data_offsets[0];
    const count = shape.reduce((a, b) => a * b, 1);
    const values: number[] = [];
    for (let i = 0; i < count; i++) {
      if (dtype === 'F32') values.push(file.readFloatLE(at + 4 * i));
      else if (dtype === 'I32') values.push(file.readInt32LE(at + 4 * i));
      else if (dtype === 'BOOL') values.push(file.readUInt8(at + i));
      else throw new Error(`reader: unexpected dtype ${dtype}`);
    }
    tensors.set(name, { dtype, shape, values });
  }
  return { tensors, metadata, dataStart };
}
