/**
 * TensorFlow's record framing (tensorflow `core/lib/io/record_writer.cc`): each record is
 * `uint64 length`, `uint32 masked_crc32c(length)`, the data, `uint32 masked_crc32c(data)`,
 * all little-endian.
 */
import { crc32c } from '@node-rs/crc32';

/** Bytes a record adds around its data: the length, its CRC, and the data's CRC. */
export const RECORD_OVERHEAD = 16;

const HEADER_BYTES = 12;
const MASK_DELTA = 0xa282ead8;

/**
 * CRC-32C (Castagnoli) masked as TensorFlow stores it (tsl `lib/hash/crc32c.h`): rotated right
 * by 15 bits, plus a constant, so that a CRC of data that itself holds CRCs is not degenerate.
 *
 * @param bytes - the bytes to checksum.
 * @returns the masked CRC as an unsigned 32-bit integer.
 */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + MASK_DELTA) >>> 0;
}

const lengthCrcs = new Map<number, number>();

/**
 * The masked CRC of a record's 8-byte length field. A run writes records of few distinct
 * lengths (a scalar tag's records all have one), so the CRCs are kept: half the checksums of
 * the scalar path.
 *
 * @param length - the data length, below 2^32.
 * @returns the masked CRC of its little-endian uint64 form.
 */
export function maskedLengthCrc(length: number): number {
  let crc = lengthCrcs.get(length);
  if (crc === undefined) {
    const bytes = Buffer.alloc(8);
    bytes.writeUInt32LE(length, 0);
    crc = maskedCrc32c(bytes);
    if (lengthCrcs.size < 65_536) lengthCrcs.set(length, crc);
  }
  return crc;
}

/**
 * Frames one record: header, data, footer, as one buffer so that a single append writes it.
 *
 * @param data - the serialized message.
 * @returns the complete record.
 */
export function frameRecord(data: Uint8Array): Buffer {
  const record = Buffer.allocUnsafe(data.length + RECORD_OVERHEAD);
  record.writeUInt32LE(data.length, 0);
  record.writeUInt32LE(0, 4);
  record.writeUInt32LE(maskedLengthCrc(data.length), 8);
  record.set(data, HEADER_BYTES);
  record.writeUInt32LE(maskedCrc32c(data), HEADER_BYTES + data.length);
  return record;
}

/** What {@link parseRecord} found at an offset. */
export type ParsedRecord =
  | { kind: 'record'; data: Buffer; next: number }
  | { kind: 'truncated' }
  | { kind: 'corrupt'; reason: string };

/**
 * Reads the record starting at `offset`, verifying both CRCs.
 *
 * @param buffer - bytes of an event file (or of its unread tail).
 * @param offset - where the record starts.
 * @returns the record's data and where the next one starts; `truncated` when the buffer ends
 *   inside the record; `corrupt` with the reason when a CRC does not match.
 */
export function parseRecord(buffer: Buffer, offset: number): ParsedRecord {
  if (buffer.length - offset < HEADER_BYTES) return { kind: 'truncated' };
  const lengthBytes = buffer.subarray(offset, offset + 8);
  if (maskedCrc32c(lengthBytes) !== buffer.readUInt32LE(offset + 8)) {
    return { kind: 'corrupt', reason: 'the CRC of the length does not match' };
  }
  const length = Number(buffer.readBigUInt64LE(offset));
  const start = offset + HEADER_BYTES;
  const end = start + length;
  if (buffer.length < end + 4) return { kind: 'truncated' };
  const data = buffer.subarray(start, end);
  if (maskedCrc32c(data) !== buffer.readUInt32LE(end)) {
    return { kind: 'corrupt', reason: 'the CRC of the data does not match' };
  }
  return { kind: 'record', data, next: end + 4 };
}
