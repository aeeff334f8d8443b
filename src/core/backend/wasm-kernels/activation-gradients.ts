import * as tf from '../tf.js';

/**
 * Gradients of ReLU and leaky ReLU in two cheap kernels, `dy · step(x, slope)`.
 *
 * tfjs-core's leaky ReLU gradient is `where(x > 0, dy, dy · alpha)`: `Greater` and `Select`,
 * which wasm runs as generic broadcasting loops about fifteen times slower than its `Step` and
 * `Multiply`. Its ReLU gradient is `dy · step(cast(x, float32))`, a copy of x on every call
 * when x is already float32. Both here follow TensorFlow's `ReluGrad`/`LeakyReluGrad`
 * (`features > 0 ? dy : alpha · dy`).
 *
 * Second-order gradients stay correct: `step` is piecewise constant, so its own gradient is
 * zero (tfjs registers it so), and the gradient of `dy · step(x, slope)` with respect to dy is
 * `step(x, slope)`, the first derivative again: what the gradient penalty of WGAN-GP needs.
 */
export const ACTIVATION_GRADIENTS: readonly tf.GradConfig[] = [
  // A single-output kernel's gradient gets one dy tensor; tfjs types it as possibly several.
  {
    kernelName: tf.Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => tf.mul(dy as tf.Tensor, tf.step(asFloat(saved[0]!))) }),
  },
  {
    kernelName: tf.LeakyRelu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const { alpha } = attrs as unknown as tf.LeakyReluAttrs;
      return { x: () => tf.mul(dy as tf.Tensor, tf.step(asFloat(saved[0]!), alpha)) };
    },
  },
];

function asFloat(x: tf.Tensor): tf.Tensor {
  return x.dtype === 'float32' ? x : tf.cast(x, 'float32');
}
