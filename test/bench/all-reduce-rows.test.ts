import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allReduceRows, type AllReduceTiming } from '../../bench/all-reduce-transports.js';

describe('the all-reduce table', () => {
  it("puts TensorFlow's ring and gantry's star side by side, one row per size", () => {
    const timing = (transport: AllReduceTiming['transport'], floats: number, medianMs: number) => ({
      transport,
      floats,
      medianMs,
      megabytesPerSecond: (floats * 4) / 2 ** 20 / (medianMs / 1000),
    });
    const rows = allReduceRows([
      timing('tensorflow', 1_000_000, 20),
      timing('gantry', 1_000_000, 30),
    ]);
    assert.equal(rows.length, 4);
    assert.deepEqual(rows[3], {
      floats: 1_000_000,
      MB: 3.81,
      'TF ring ms': 20,
      'TF ring MB/s': 190.73,
      'TCP star ms': 30,
      'TCP star MB/s': 127.16,
      'star ÷ ring': 1.5,
    });
    assert.equal(rows[0]?.['TF ring ms'], null, 'a size not measured stays empty');
  });
});
