import assert from 'node:assert/strict';
import { before, describe } from 'node:test';
import { initBackend, silentLogger, tf, type Logger, type Optimizer } from '../../../src/index.js';

/** The backends every optimizer test runs on. */
export const BACKENDS = ['cpu', 'wasm'] as const;

/** Registers one suite per backend, each starting its backend first. */
export function describePerBackend(title: string, body: () => void): void {
  for (const backend of BACKENDS) {
    describe(`${title} on ${backend}`, () => {
      before(async () => {
        await initBackend({ backend, logger: silentLogger });
      });
      body();
    });
  }
}

/**
 * TensorFlow's `assertAllCloseAccordingToType` for float32: |a − e| ≤ atol + rtol·|e|, with
 * TensorFlow's float32 tolerances (1e-6) unless the ported test asked for others.
 */
export function assertClose(
  actual: tf.Tensor | ArrayLike<number>,
  expected: ArrayLike<number>,
  message: string,
  tolerance = 1e-6,
): void {
  const values = actual instanceof tf.Tensor ? actual.dataSync() : actual;
  assert.equal(values.length, expected.length, `${message}: length`);
  for (let i = 0; i < expected.length; i++) {
    const a = values[i] as number;
    const e = expected[i] as number;
    assert.ok(
      Math.abs(a - e) <= tolerance + tolerance * Math.abs(e),
      `${message}[${i}]: got ${a}, expected ${e} (tolerance ${tolerance})`,
    );
  }
}

/** Variables and optimizers a test creates, disposed together so their names can be reused. */
export class Fixture {
  readonly #variables: tf.Variable[] = [];
  readonly #optimizers: Optimizer[] = [];

  variable(values: number[] | number[][], name: string, trainable = true): tf.Variable {
    const v = tf.tidy(() => tf.variable(tf.tensor(values), trainable, name));
    this.#variables.push(v);
    return v;
  }

  optimizer<T extends Optimizer>(optimizer: T): T {
    this.#optimizers.push(optimizer);
    return optimizer;
  }

  dispose(): void {
    for (const optimizer of this.#optimizers.splice(0)) optimizer.dispose();
    tf.dispose(this.#variables.splice(0));
  }
}

/** Runs a test body with a fixture that is disposed afterwards, even when the body throws. */
export function withFixture(body: (fx: Fixture) => void): () => void {
  return () => {
    const fx = new Fixture();
    try {
      body(fx);
    } finally {
      fx.dispose();
    }
  };
}

/** Constant gradients for a list of variables, applied `steps` times, then disposed. */
export function applyConstantGradients(
  optimizer: Optimizer,
  pairs: [number[], tf.Variable][],
  steps: number,
  afterStep?: (step: number) => void,
): void {
  const grads = pairs.map(([values, v]): [tf.Tensor, tf.Variable] => [tf.tensor(values), v]);
  try {
    for (let t = 1; t <= steps; t++) {
      optimizer.applyGradients(grads);
      afterStep?.(t);
    }
  } finally {
    tf.dispose(grads.map(([g]) => g));
  }
}

/** A logger that keeps its lines, for asserting on warnings. */
export function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (m) => warnings.push(m) };
}
