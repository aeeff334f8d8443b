import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRandom } from '../../../src/core/random/seeded-random.js';

describe('SeededRandom', () => {
  it('gives equal streams for equal seeds and different streams for different seeds', () => {
    const a = new SeededRandom(7);
    const b = new SeededRandom(7);
    const c = new SeededRandom(8);
    const draw = (random: SeededRandom) => Array.from({ length: 20 }, () => random.nextUint32());
    const streamA = draw(a);
    assert.deepEqual(streamA, draw(b));
    assert.notDeepEqual(streamA, draw(c));
  });

  it('continues exactly from a saved state, normals included', () => {
    const random = new SeededRandom(123);
    random.normal();
    const saved = random.getState();
    const expected = [random.normal(), random.uniform(), random.normal()];
    const restored = new SeededRandom(0);
    restored.setState(JSON.parse(JSON.stringify(saved)));
    assert.deepEqual([restored.normal(), restored.uniform(), restored.normal()], expected);
  });

  it('draws uniforms in [0, 1) with mean near 1/2 and normals with unit variance', () => {
    const random = new SeededRandom(1);
    const n = 20000;
    const uniforms = Array.from({ length: n }, () => random.uniform());
    assert.ok(uniforms.every((u) => u >= 0 && u < 1));
    const mean = uniforms.reduce((a, b) => a + b) / n;
    assert.ok(Math.abs(mean - 0.5) < 0.01, `mean ${mean}`);
    const normals = Array.from({ length: n }, () => random.normal());
    const variance = normals.reduce((a, b) => a + b * b, 0) / n;
    assert.ok(Math.abs(variance - 1) < 0.05, `variance ${variance}`);
  });

  it('shuffles into a permutation', () => {
    const order = new SeededRandom(3).shuffle([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
    assert.notDeepEqual(order, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects a malformed state by saying what a state is', () => {
    assert.throws(() => new SeededRandom(1).setState([1, 2] as never), /four unsigned 32-bit/);
  });
});
