import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Runtime, StepMeasurement } from '../../bench/cases/types.js';
import { compareSteps, targetLines } from '../../bench/report.js';

function measurement(
  runtime: Runtime,
  impl: string,
  medianMs: number,
  threads = 1,
): StepMeasurement {
  return {
    model: 'dcgan',
    step: 'critic',
    runtime,
    impl,
    threads,
    batch: 64,
    medianMs,
    minMs: medianMs,
    maxMs: medianMs,
    repeats: 3,
    samplesPerSecond: 64 / (medianMs / 1000),
  };
}

describe('compareSteps', () => {
  it('divides by the peer at the same thread count only', () => {
    const compared = compareSteps([
      measurement('pytorch', 'pytorch', 40),
      measurement('tensorflow-function', 'tensorflow function', 50),
      measurement('tfjs', 'gantry tensorflow', 30, 2),
      measurement('tfjs', 'gantry wasm', 120),
    ]);
    const wasm = compared.find((s) => s.impl === 'gantry wasm')!;
    assert.equal(wasm.vsPytorch, 3);
    assert.equal(wasm.vsTfFunction, 120 / 50);
    const native = compared.find((s) => s.impl === 'gantry tensorflow')!;
    assert.equal(native.vsPytorch, null);
  });

  it('lists gantry before the peers, fewer threads first', () => {
    const compared = compareSteps([
      measurement('pytorch', 'pytorch', 40),
      measurement('tfjs', 'gantry tensorflow', 30, 2),
      measurement('tfjs', 'gantry wasm', 120),
    ]);
    assert.deepEqual(
      compared.map((s) => s.impl),
      ['gantry wasm', 'pytorch', 'gantry tensorflow'],
    );
  });
});

describe('targetLines', () => {
  it('says whether wasm is within 3× of PyTorch', () => {
    const lines = targetLines(
      compareSteps([
        measurement('pytorch', 'pytorch', 40),
        measurement('tfjs', 'gantry wasm', 130),
      ]),
    );
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /dcgan critic 3\.25× — not met/);
  });

  it('checks compiled tensorflow steps against both of its goals at equal threads', () => {
    const lines = targetLines(
      compareSteps([
        measurement('pytorch', 'pytorch', 40, 2),
        measurement('tensorflow-function', 'tf.function', 28, 2),
        measurement('tfjs', 'gantry tensorflow compiled', 31, 2),
        measurement('tfjs', 'gantry tensorflow eager', 60, 2),
        measurement('pytorch', 'pytorch', 70, 1),
        measurement('tfjs', 'gantry tensorflow compiled', 50, 1),
      ]),
    );
    assert.deepEqual(lines, [
      'target compiled ≤ 0.75× pytorch (1 thread): dcgan critic 0.71× — met',
      'target compiled ≤ 0.75× pytorch (2 threads): dcgan critic 0.78× — not met',
      'target compiled ≤ 1.1× tf.function (2 threads): dcgan critic 1.11× — not met',
    ]);
  });
});
