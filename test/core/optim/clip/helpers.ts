import assert from 'node:assert/strict';
import { before, describe } from 'node:test';
import { initBackend, silentLogger, tf } from '../../../../src/index.js';

type Nested = number | Nested[];

/** Runs `body` in one suite per backend gantry embeds, as tfjs-layers' describeMathCPUAndGPU. */
export function describeOnBackends(title: string, body: () => void): void {
  for (const backend of ['cpu', 'wasm'] as const) {
    describe(`${title} on ${backend}`, () => {
      before(async () => {
        await initBackend({ backend, logger: silentLogger });
      });
      body();
    });
  }
}

/**
 * TensorFlow's `assertAllClose` (rtol = atol = 1e-6 by default): same shape, and every value
 * within `atol + rtol * |expected|`, NaN matching NaN. Disposes `actual`.
 */
export function assertAllClose(
  actual: tf.Tensor,
  expected: Nested,
  rtol = 1e-6,
  atol = 1e-6,
): void {
  const wanted = tf.tensor(expected as number[]);
  try {
    assert.deepEqual(actual.shape, wanted.shape, 'shape');
    const got = actual.dataSync();
    const want = wanted.dataSync();
    got.forEach((value, i) => {
      const target = want[i]!;
      const ok = Number.isNaN(target)
        ? Number.isNaN(value)
        : Math.abs(value - target) <= atol + rtol * Math.abs(target);
      assert.ok(ok, `element ${i}: expected ${target}, got ${value} (${String(got)})`);
    });
  } finally {
    wanted.dispose();
    actual.dispose();
  }
}
