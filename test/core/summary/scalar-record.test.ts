import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encodeEvent } from '../../../src/core/summary/proto/messages.js';
import { frameRecord } from '../../../src/core/summary/record-format.js';
import { ScalarRecordEncoder } from '../../../src/core/summary/scalar-record.js';
import { scalarValue } from '../../../src/core/summary/summary-values.js';
import { decodeEventIndependently } from './independent-reader.js';

describe('ScalarRecordEncoder', () => {
  it("produces exactly protobufjs's framed encoding of the same scalar event", () => {
    const encoder = new ScalarRecordEncoder();
    const cases: Array<[string, number, number]> = [
      ['loss/critic', 0.25, 0],
      ['loss/critic', -3.5, 1],
      ['loss/critic', Number.NaN, 300],
      ['wasserstein/estimate/β', 1e30, 2 ** 40 + 3],
      ['x'.repeat(200), Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER],
    ];
    for (const [tag, value, step] of cases) {
      const wallTime = 1_700_000_000.125;
      const expected = frameRecord(
        encodeEvent({ wallTime, step, summary: { value: [scalarValue(tag, value)] } }),
      );
      assert.deepEqual(encoder.record(tag, value, step, wallTime), expected, `${tag} @ ${step}`);
    }
  });

  it('writes records that an independent reader verifies and decodes', () => {
    const encoder = new ScalarRecordEncoder();
    const record = encoder.record('g', 1.5, 129, 12.5);
    const data = record.subarray(12, record.length - 4);
    const event = decodeEventIndependently(data);
    assert.deepEqual(
      [event.wallTime, event.step, event.values[0].tensor.floats],
      [12.5, 129, [1.5]],
    );
  });
});
