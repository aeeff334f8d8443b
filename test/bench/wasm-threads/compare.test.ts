import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compareVectors,
  medianOverRounds,
  roundOrder,
} from '../../../bench/wasm-threads/compare.js';

describe('compareVectors', () => {
  it('finds no difference between bitwise-equal vectors', () => {
    const a = Float32Array.of(1, -2, 0.5);
    assert.deepEqual(compareVectors(a, Float32Array.from(a)), {
      length: 3,
      differing: 0,
      maxRelative: 0,
    });
  });

  it('counts differing elements and scales the largest difference by the largest magnitude', () => {
    const result = compareVectors(Float32Array.of(4, 1, -2), Float32Array.of(4, 1.5, -2.25));
    assert.equal(result.differing, 2);
    assert.equal(result.maxRelative, 0.5 / 4);
  });

  it('tells 0 from -0, which compare equal as numbers', () => {
    assert.equal(compareVectors(Float32Array.of(0), Float32Array.of(-0)).differing, 1);
  });

  it('refuses vectors of different lengths', () => {
    assert.throws(() => compareVectors(new Float32Array(2), new Float32Array(3)), /2 and 3 values/);
  });
});

describe('medianOverRounds', () => {
  it('takes each step’s median over the rounds that measured it', () => {
    const rounds: Record<string, number>[] = [
      { mlp: 10, dcgan: 100 },
      { mlp: 30, dcgan: 90 },
      { mlp: 20 },
    ];
    assert.deepEqual(medianOverRounds(rounds), { mlp: 20, dcgan: 95 });
  });
});

describe('roundOrder', () => {
  it('rotates the variants by one per round', () => {
    assert.deepEqual(roundOrder(['a', 'b', 'c'], 0), ['a', 'b', 'c']);
    assert.deepEqual(roundOrder(['a', 'b', 'c'], 1), ['b', 'c', 'a']);
    assert.deepEqual(roundOrder(['a', 'b', 'c'], 4), ['b', 'c', 'a']);
  });
});
