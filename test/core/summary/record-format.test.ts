import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  frameRecord,
  maskedCrc32c,
  parseRecord,
  RECORD_OVERHEAD,
} from '../../../src/core/summary/record-format.js';
import { crc32cReference } from './independent-reader.js';

function unmask(masked: number): number {
  const rotated = (masked - 0xa282ead8) >>> 0;
  return ((rotated >>> 17) | (rotated << 15)) >>> 0;
}

describe('record format', () => {
  it('computes CRC-32C (Castagnoli) with the standard check value', () => {
    const crc = unmask(maskedCrc32c(Buffer.from('123456789')));
    assert.equal(crc, 0xe3069283);
    assert.equal(crc32cReference(Buffer.from('123456789')), 0xe3069283);
  });

  it('matches the standard results of TensorFlow crc32c_test.cc (RFC 3720 B.4)', () => {
    const ascending = Uint8Array.from({ length: 32 }, (_, i) => i);
    const cases: Array<[Uint8Array, number]> = [
      [new Uint8Array(32), 0x8a9136aa],
      [new Uint8Array(32).fill(0xff), 0x62a8ab43],
      [ascending, 0x46dd794e],
      [ascending.slice().reverse(), 0x113fdb5c],
    ];
    for (const [bytes, expected] of cases) assert.equal(unmask(maskedCrc32c(bytes)), expected);
  });

  it('masks as TensorFlow does: the mask changes the CRC and unmasking restores it', () => {
    const bytes = Buffer.from('foo');
    const masked = maskedCrc32c(bytes);
    assert.notEqual(masked, crc32cReference(bytes));
    assert.equal(unmask(masked), crc32cReference(bytes));
  });

  it('frames data with its length and both CRCs, and parses it back', () => {
    const data = Buffer.from('an event');
    const record = frameRecord(data);
    assert.equal(record.length, data.length + RECORD_OVERHEAD);
    assert.equal(record.readBigUInt64LE(0), BigInt(data.length));
    const parsed = parseRecord(record, 0);
    assert.equal(parsed.kind, 'record');
    if (parsed.kind === 'record') {
      assert.deepEqual(parsed.data, data);
      assert.equal(parsed.next, record.length);
    }
  });

  it('reports a record cut short as truncated at every cut point', () => {
    const record = frameRecord(Buffer.from('0123456789'));
    for (let cut = 0; cut < record.length; cut += 1) {
      assert.equal(parseRecord(record.subarray(0, cut), 0).kind, 'truncated', `cut at ${cut}`);
    }
  });

  it('reports a flipped bit in the length or the data as corrupt', () => {
    const record = frameRecord(Buffer.from('0123456789'));
    for (const index of [0, 14]) {
      const damaged = Buffer.from(record);
      damaged[index] ^= 0x01;
      assert.equal(parseRecord(damaged, 0).kind, 'corrupt', `bit flipped in byte ${index}`);
    }
  });
});
