import assert from 'node:assert/strict';

/**
 * numpy's `allclose` test, as TensorFlow's `assertAllClose(a, b, 1e-6)` applies it:
 * `|actual - expected| <= atol + rtol * |expected|`.
 */
export function assertClose(actual: number, expected: number, rtol = 1e-6, atol = 1e-6): void {
  assert.ok(
    Math.abs(actual - expected) <= atol + rtol * Math.abs(expected),
    `expected ${expected}, got ${actual}`,
  );
}
