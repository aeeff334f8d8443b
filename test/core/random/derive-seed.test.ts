import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveSeed } from '../../../src/core/random/derive-seed.js';

describe('deriveSeed', () => {
  it('gives the pinned seeds, which checkpoints and repeated runs rely on', () => {
    assert.equal(deriveSeed(0), 1768809451);
    assert.equal(deriveSeed(21, 'noise', 0), 2440578138);
    assert.equal(deriveSeed(21, 'noise', 1), 3552139308);
    assert.equal(deriveSeed(21, 'init', 'critic/dense_1'), 2419872663);
    assert.equal(deriveSeed(-1, 'data'), 2933251755);
    assert.equal(deriveSeed(2 ** 40, 'data'), 2842033137);
  });

  it('gives every stream of a run a seed of its own', () => {
    const streams = ['noise', 'data', 'critic-loss', 'image-grid', 'init'];
    const seeds = streams.map((name) => deriveSeed(5, name));
    assert.equal(new Set(seeds).size, streams.length);
  });

  it('keeps the draws of one stream apart from those of a neighbouring seed', () => {
    // `seed + k` counters made draw 1 of seed 5 the same as draw 0 of seed 6.
    assert.notEqual(deriveSeed(5, 'noise', 1), deriveSeed(6, 'noise', 0));
  });

  it('tells a name with a number from a longer name', () => {
    assert.notEqual(deriveSeed(1, 'a', 1), deriveSeed(1, 'a1'));
    assert.notEqual(deriveSeed(1, 'ab'), deriveSeed(1, 'a', 'b'));
  });

  it('returns unsigned 32-bit integers, as tfjs seeds and SeededRandom take them', () => {
    for (let k = 0; k < 100; k++) {
      const seed = deriveSeed(k, 'noise', k);
      assert.ok(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32, String(seed));
    }
  });

  it('rejects a seed that is not a safe integer, naming it', () => {
    assert.throws(() => deriveSeed(1.5), /seed must be a safe integer, got 1\.5/);
    assert.throws(() => deriveSeed(1, 'noise', Number.NaN), /index must be a safe integer/);
  });
});
