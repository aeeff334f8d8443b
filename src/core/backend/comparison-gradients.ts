import * as tf from './tf.js';

/**
 * Comparison and logical kernels whose output is piecewise constant in their inputs, so their
 * gradient is zero (TensorFlow registers them as not differentiable, which its gradient code
 * treats as zero). tfjs-core 4.22 registers no gradient for these, so a gradient of a gradient
 * that passes through one fails: leaky ReLU's gradient uses `greater`, which breaks the
 * gradient penalty of WGAN-GP on any critic with leaky ReLU.
 */
const PIECEWISE_CONSTANT_KERNELS: Record<string, readonly string[]> = {
  Greater: ['a', 'b'],
  Less: ['a', 'b'],
  LessEqual: ['a', 'b'],
  Equal: ['a', 'b'],
  NotEqual: ['a', 'b'],
  LogicalAnd: ['a', 'b'],
  LogicalOr: ['a', 'b'],
  LogicalNot: ['x'],
};

/** Registers a zero gradient for each comparison kernel that has none. Idempotent. */
export function registerComparisonGradients(): void {
  for (const [kernelName, inputNames] of Object.entries(PIECEWISE_CONSTANT_KERNELS)) {
    if (tf.getGradient(kernelName) != null) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: [...inputNames],
      gradFunc: (_dy, saved) =>
        Object.fromEntries(inputNames.map((name, i) => [name, () => tf.zerosLike(saved[i]!)])),
    });
  }
}
