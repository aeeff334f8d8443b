import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatRecords, formatTable } from '../../bench/table.js';

describe('formatTable', () => {
  it('pads text left and numbers right under a rule', () => {
    const text = formatTable(
      ['model', 'ms', 'ratio'],
      [
        ['dcgan', '425.1', '10.60×'],
        ['mlp', '2058.0', null],
      ],
    );
    assert.deepEqual(text.split('\n'), [
      'model      ms   ratio',
      '-----  ------  ------',
      'dcgan   425.1  10.60×',
      'mlp    2058.0       –',
    ]);
  });
});

describe('formatRecords', () => {
  it('takes its columns from the union of the rows’ keys', () => {
    const text = formatRecords([{ kernel: 'matMul' }, { kernel: 'conv', gflops: 3.5 }]);
    assert.deepEqual(text.split('\n'), [
      'kernel  gflops',
      '------  ------',
      'matMul       –',
      'conv       3.5',
    ]);
  });
});
