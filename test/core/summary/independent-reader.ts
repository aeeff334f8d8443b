/**
 * A reader of TensorFlow record files and `Event` protos written for the tests only, sharing no
 * code with the writer (its own table CRC-32C, its own protobuf wire decoder), so that a bug in
 * the writer's encoding cannot hide behind the same bug in the reader.
 */
import { readFileSync } from 'node:fs';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** Plain CRC-32C (Castagnoli), bit-reflected, bytewise. */
export function crc32cReference(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function masked(bytes: Uint8Array): number {
  const crc = crc32cReference(bytes);
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0;
}

/** A record's data, and whether each CRC matched. */
export interface CheckedRecord {
  data: Uint8Array;
  lengthCrcOk: boolean;
  dataCrcOk: boolean;
}

/** Splits a record file into records; `tail` counts bytes after the last complete record. */
export function readRecords(path: string): { records: CheckedRecord[]; tail: number } {
  const bytes = readFileSync(path);
  const records: CheckedRecord[] = [];
  let offset = 0;
  while (offset + 12 <= bytes.length) {
    const length = Number(bytes.readBigUInt64LE(offset));
    const end = offset + 12 + length + 4;
    if (end > bytes.length) break;
    const data = bytes.subarray(offset + 12, offset + 12 + length);
    records.push({
      data,
      lengthCrcOk: masked(bytes.subarray(offset, offset + 8)) === bytes.readUInt32LE(offset + 8),
      dataCrcOk: masked(data) === bytes.readUInt32LE(end - 4),
    });
    offset = end;
  }
  return { records, tail: bytes.length - offset };
}

/** A protobuf field value: varint (bigint), fixed64/fixed32 raw bytes, or length-delimited bytes. */
export type WireValue = { wire: 0; value: bigint } | { wire: 1 | 2 | 5; bytes: Uint8Array };

/** Decodes one protobuf message into its fields by number, in order. */
export function decodeFields(bytes: Uint8Array): Map<number, WireValue[]> {
  const fields = new Map<number, WireValue[]>();
  let offset = 0;
  const varint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const byte = bytes[offset++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
  };
  while (offset < bytes.length) {
    const key = Number(varint());
    const wire = key & 7;
    let value: WireValue;
    if (wire === 0) value = { wire, value: varint() };
    else if (wire === 1 || wire === 5) {
      const size = wire === 1 ? 8 : 4;
      value = { wire, bytes: bytes.subarray(offset, offset + size) };
      offset += size;
    } else if (wire === 2) {
      const size = Number(varint());
      value = { wire, bytes: bytes.subarray(offset, offset + size) };
      offset += size;
    } else throw new Error(`unexpected wire type ${wire}`);
    const list = fields.get(key >>> 3) ?? [];
    list.push(value);
    fields.set(key >>> 3, list);
  }
  return fields;
}

const text = new TextDecoder('utf-8', { fatal: true });

function bytesOf(fields: Map<number, WireValue[]>, n: number): Uint8Array[] {
  return (fields.get(n) ?? []).map((v) => (v.wire === 0 ? new Uint8Array() : v.bytes));
}

function varintOf(fields: Map<number, WireValue[]>, n: number): bigint | undefined {
  const v = fields.get(n)?.[0];
  return v?.wire === 0 ? v.value : undefined;
}

/** The parts of a `TensorProto` the tests look at. */
export interface PlainTensor {
  dtype: number;
  shape: number[];
  floats: number[];
  doubles: number[];
  strings: Uint8Array[];
}

/** The parts of a `Summary.Value` the tests look at. */
export interface PlainValue {
  tag: string;
  pluginName: string;
  dataClass: number;
  tensor: PlainTensor;
}

/** The parts of an `Event` the tests look at. */
export interface PlainEvent {
  wallTime: number;
  step: number;
  fileVersion?: string;
  sessionStatus?: number;
  values: PlainValue[];
}

function packed(list: Uint8Array[], size: 4 | 8): number[] {
  const out: number[] = [];
  for (const chunk of list) {
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let i = 0; i < chunk.byteLength; i += size) {
      out.push(size === 4 ? view.getFloat32(i, true) : view.getFloat64(i, true));
    }
  }
  return out;
}

function decodeTensor(bytes: Uint8Array): PlainTensor {
  const f = decodeFields(bytes);
  const shape = bytesOf(f, 2).flatMap((s) =>
    bytesOf(decodeFields(s), 2).map((dim) => Number(varintOf(decodeFields(dim), 1) ?? 0n)),
  );
  return {
    dtype: Number(varintOf(f, 1) ?? 0n),
    shape,
    floats: packed(bytesOf(f, 5), 4),
    doubles: packed(bytesOf(f, 6), 8),
    strings: bytesOf(f, 8),
  };
}

function decodeValue(bytes: Uint8Array): PlainValue {
  const f = decodeFields(bytes);
  const metadata = decodeFields(bytesOf(f, 9)[0] ?? new Uint8Array());
  const pluginData = decodeFields(bytesOf(metadata, 1)[0] ?? new Uint8Array());
  return {
    tag: text.decode(bytesOf(f, 1)[0]),
    pluginName: text.decode(bytesOf(pluginData, 1)[0] ?? new Uint8Array()),
    dataClass: Number(varintOf(metadata, 4) ?? 0n),
    tensor: decodeTensor(bytesOf(f, 8)[0] ?? new Uint8Array()),
  };
}

/** Decodes an `Event` (tensorboard/compat/proto/event.proto field numbers). */
export function decodeEventIndependently(bytes: Uint8Array): PlainEvent {
  const f = decodeFields(bytes);
  const wall = bytesOf(f, 1)[0];
  const version = bytesOf(f, 3)[0];
  const sessionLog = bytesOf(f, 7)[0];
  const summary = bytesOf(f, 5)[0];
  return {
    wallTime: wall ? new DataView(wall.buffer, wall.byteOffset, 8).getFloat64(0, true) : 0,
    step: Number(BigInt.asIntN(64, varintOf(f, 2) ?? 0n)),
    ...(version ? { fileVersion: text.decode(version) } : {}),
    ...(sessionLog ? { sessionStatus: Number(varintOf(decodeFields(sessionLog), 1) ?? 0n) } : {}),
    values: summary ? bytesOf(decodeFields(summary), 1).map(decodeValue) : [],
  };
}

/** Reads a file's events, asserting nothing: callers check the CRC flags themselves. */
export function readEventsIndependently(path: string): {
  events: PlainEvent[];
  records: CheckedRecord[];
  tail: number;
} {
  const { records, tail } = readRecords(path);
  return { events: records.map((r) => decodeEventIndependently(r.data)), records, tail };
}
