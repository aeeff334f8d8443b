import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  PEER_LINE_PREFIX,
  PeerReportError,
  parsePeerReport,
} from '../../bench/peers/peer-report.js';
import { failureReason, readPrefixedJson } from '../../bench/process.js';

const step = {
  model: 'dcgan',
  step: 'critic',
  runtime: 'pytorch',
  impl: 'pytorch 2.13.0+cpu',
  threads: 1,
  batch: 64,
  medianMs: 40,
  minMs: 38,
  maxMs: 45,
  repeats: 10,
  samplesPerSecond: 1600,
};

describe('peer reports', () => {
  it('reads the one prefixed line among a peer’s other output', () => {
    const stdout = `loading…\n${PEER_LINE_PREFIX}${JSON.stringify({ a: 1 })}\nbye\n`;
    assert.deepEqual(readPrefixedJson(stdout, PEER_LINE_PREFIX), { a: 1 });
    assert.equal(readPrefixedJson('nothing here\n', PEER_LINE_PREFIX), undefined);
  });

  it('accepts a report whose steps have gantry’s measurement fields', () => {
    const report = parsePeerReport({
      framework: 'pytorch',
      version: '2.13.0',
      threads: 1,
      steps: [step],
    });
    assert.equal(report.steps[0]?.medianMs, 40);
  });

  it('names the field that is wrong', () => {
    const bad = {
      framework: 'pytorch',
      version: '2',
      threads: 1,
      steps: [{ ...step, medianMs: 'x' }],
    };
    assert.throws(
      () => parsePeerReport(bad),
      (error: unknown) => {
        assert.ok(error instanceof PeerReportError);
        assert.match(error.message, /steps\.0\.medianMs/);
        return true;
      },
    );
  });

  it('explains a failed child by its last line', () => {
    assert.equal(
      failureReason({ code: 1, stdout: '', stderr: 'Traceback…\nImportError: no torch\n\n' }),
      'ImportError: no torch',
    );
    assert.equal(failureReason({ code: null, stdout: '', stderr: '' }), 'killed (timeout)');
  });
});
