import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StepMeasurement } from '../../bench/cases/types.js';
import { mergeRounds } from '../../bench/merge-rounds.js';

function step(impl: string, medianMs: number, minMs: number, maxMs: number): StepMeasurement {
  return {
    model: 'mlp',
    step: 'critic',
    runtime: impl.startsWith('gantry') ? 'tfjs' : 'pytorch',
    impl,
    threads: 2,
    batch: 256,
    medianMs,
    minMs,
    maxMs,
    repeats: 10,
    samplesPerSecond: 256 / (medianMs / 1000),
  };
}

describe('mergeRounds', () => {
  it("gives each step the median of its rounds' medians, its extremes and all its repeats", () => {
    const merged = mergeRounds([
      [step('gantry tensorflow compiled', 16, 15, 18), step('pytorch', 30, 28, 31)],
      [step('gantry tensorflow compiled', 21, 19, 29), step('pytorch', 28, 27, 33)],
      [step('gantry tensorflow compiled', 15, 14, 17), step('pytorch', 29, 26, 30)],
    ]);
    assert.deepEqual(
      merged.map((m) => [m.impl, m.medianMs, m.minMs, m.maxMs, m.repeats]),
      [
        ['gantry tensorflow compiled', 16, 14, 29, 30],
        ['pytorch', 29, 26, 33, 30],
      ],
    );
    assert.equal(merged[0]!.samplesPerSecond, 256 / 0.016);
  });

  it('keeps a step that only some rounds measured, and different thread counts apart', () => {
    const oneThread = { ...step('pytorch', 50, 49, 51), threads: 1 };
    const merged = mergeRounds([
      [step('pytorch', 30, 28, 31), oneThread],
      [step('pytorch', 32, 30, 33)],
    ]);
    assert.deepEqual(
      merged.map((m) => [m.threads, m.medianMs]),
      [
        [2, 31],
        [1, 50],
      ],
    );
  });
});
