import assert from 'node:assert/strict';
import { initBackend } from '../../../../src/core/backend/index.js';
import { silentLogger } from '../../../../src/core/logger.js';
import * as tf from '../../../../src/core/backend/tf.js';

/** A seeded generator (mulberry32) so that a failing random case reproduces. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [lo, hi]. */
export function pick(random: () => number, lo: number, hi: number): number {
  return lo + Math.floor(random() * (hi - lo + 1));
}

/** Values in [-1, 1) of a given shape's size. */
export function randomValues(random: () => number, shape: number[]): Float32Array {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = random() * 2 - 1;
  return values;
}

/** Runs `compute` on a backend and returns its result's values and shape. */
export async function computeOn(
  backend: 'cpu' | 'wasm',
  compute: () => tf.Tensor,
): Promise<{ values: Float32Array; shape: number[] }> {
  await initBackend({ backend, logger: silentLogger });
  const result = tf.tidy(compute);
  const values = (await result.data()) as Float32Array;
  const shape = result.shape;
  result.dispose();
  return { values, shape };
}

/**
 * Asserts wasm matches cpu: same shape, and max |wasm − cpu| ≤ tolerance × max(1, max |cpu|)
 * (the "1e-4 relative to the output scale"). `label` names the case in the message.
 * `reference` computes the cpu side where cpu needs the same quantity computed another way.
 */
export async function assertMatchesCpu(
  label: string,
  compute: () => tf.Tensor,
  tolerance = 1e-4,
  reference: () => tf.Tensor = compute,
): Promise<void> {
  const cpu = await computeOn('cpu', reference);
  const wasm = await computeOn('wasm', compute);
  assert.deepEqual(wasm.shape, cpu.shape, `${label}: shape`);
  let scale = 1;
  for (const v of cpu.values) scale = Math.max(scale, Math.abs(v));
  let worst = 0;
  for (let i = 0; i < cpu.values.length; i++) {
    worst = Math.max(worst, Math.abs(wasm.values[i]! - cpu.values[i]!));
  }
  assert.ok(Number.isFinite(worst), `${label}: non-finite output on wasm`);
  assert.ok(
    worst <= tolerance * scale,
    `${label}: max abs error ${worst} > ${tolerance} × scale ${scale}`,
  );
}
