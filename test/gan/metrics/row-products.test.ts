import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forEachRowProduct } from '../../../src/gan/metrics/row-products.js';
import { normalFeatures } from './random-features.js';

function naiveDot(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  let sum = 0;
  for (let k = 0; k < d; k++) sum += a[i * d + k]! * b[j * d + k]!;
  return sum;
}

describe('forEachRowProduct', () => {
  // Sizes off every blocking boundary: rows past a 64-row block and not a multiple of 4 or 2,
  // features past the 256-feature pass.
  const d = 300;
  const a = normalFeatures(1, 67, d).values;
  const b = normalFeatures(2, 9, d).values;

  it('visits every pair once with its dot product', () => {
    const seen = new Map<string, number>();
    forEachRowProduct(a, 67, b, 9, d, (i, j, dot) => {
      assert.ok(!seen.has(`${i},${j}`), `pair ${i},${j} visited twice`);
      seen.set(`${i},${j}`, dot);
    });
    assert.equal(seen.size, 67 * 9);
    for (const [key, dot] of seen) {
      const [i, j] = key.split(',').map(Number) as [number, number];
      assert.ok(Math.abs(dot - naiveDot(a, i, b, j, d)) < 1e-12, key);
    }
  });

  it("visits each pair with j ≥ i once in upper mode, a row's product with itself included", () => {
    let visits = 0;
    forEachRowProduct(
      a,
      67,
      a,
      67,
      d,
      (i, j, dot) => {
        assert.ok(j >= i, `pair ${i},${j} below the diagonal`);
        assert.ok(Math.abs(dot - naiveDot(a, i, a, j, d)) < 1e-12);
        visits++;
      },
      'upper',
    );
    assert.equal(visits, (67 * 68) / 2);
  });
});
