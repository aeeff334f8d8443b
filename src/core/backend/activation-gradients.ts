import * as tf from './tf.js';

/**
 * The kernel of ReLU's gradient, `dy · (x > 0)`: TensorFlow's `ReluGrad` on the tensorflow
 * backend (`tensorflow-activation-kernels.ts`); not registered elsewhere.
 */
export const GANTRY_RELU_GRAD = 'GantryReluGrad';
/** The kernel of leaky ReLU's gradient, `x > 0 ? dy : alpha · dy`: TensorFlow's `LeakyReluGrad`. */
export const GANTRY_LEAKY_RELU_GRAD = 'GantryLeakyReluGrad';

/**
 * Gradients of ReLU and leaky ReLU as TensorFlow's `ReluGrad`/`LeakyReluGrad` define them
 * (`features > 0 ? dy : alpha · dy`), in the fewest kernels the backend has.
 *
 * On a backend with {@link GANTRY_RELU_GRAD} (tensorflow) that is one TensorFlow op. tfjs-core's
 * own ReLU gradient there is `dy · step(x)`, and tfjs-node spells `step` as IsNan, Greater, two
 * fills and two Selects over the whole tensor: six extra passes per activation in every
 * backward pass, which a compiled update cannot fuse away. Where x is NaN the gradient is then
 * 0, as in TensorFlow, where tfjs-core's gives NaN; elsewhere the two agree to the bit.
 *
 * Elsewhere it is `dy · step(x, slope)`: tfjs-core's leaky ReLU gradient is
 * `where(x > 0, dy, dy · alpha)`, `Greater` and `Select`, which wasm runs as generic
 * broadcasting loops about fifteen times slower than its `Step` and `Multiply`; its ReLU
 * gradient is `dy · step(cast(x, float32))`, a copy of x on every call when x is already
 * float32.
 *
 * Second-order gradients stay correct: `step` is piecewise constant, so its own gradient is
 * zero (tfjs registers it so), and the gradient of `dy · step(x, slope)` with respect to dy is
 * `step(x, slope)`, the first derivative again: what the gradient penalty of WGAN-GP needs. The
 * TensorFlow kernels' gradients say the same (see {@link ACTIVATION_GRADIENTS}).
 */
export const ACTIVATION_GRADIENTS: readonly tf.GradConfig[] = [
  // A single-output kernel's gradient gets one dy tensor; tfjs types it as possibly several.
  {
    kernelName: tf.Relu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved) => ({ x: () => reluGrad(dy as tf.Tensor, saved[0]!, 0) }),
  },
  {
    kernelName: tf.LeakyRelu,
    inputsToSave: ['x'],
    gradFunc: (dy, saved, attrs) => {
      const { alpha } = attrs as unknown as tf.LeakyReluAttrs;
      return { x: () => reluGrad(dy as tf.Tensor, saved[0]!, alpha) };
    },
  },
  // The gradient kernels are linear in dy with a piecewise-constant factor of x.
  {
    kernelName: GANTRY_RELU_GRAD,
    inputsToSave: ['x'],
    gradFunc: (ddy, saved) => ({
      dy: () => reluGrad(ddy as tf.Tensor, saved[0]!, 0),
      x: () => tf.zerosLike(saved[0]!),
    }),
  },
  {
    kernelName: GANTRY_LEAKY_RELU_GRAD,
    inputsToSave: ['x'],
    gradFunc: (ddy, saved, attrs) => {
      const { alpha } = attrs as unknown as tf.LeakyReluAttrs;
      return {
        dy: () => reluGrad(ddy as tf.Tensor, saved[0]!, alpha),
        x: () => tf.zerosLike(saved[0]!),
      };
    },
  },
];

function reluGrad(dy: tf.Tensor, x: tf.Tensor, alpha: number): tf.Tensor {
  const kernel = alpha === 0 ? GANTRY_RELU_GRAD : GANTRY_LEAKY_RELU_GRAD;
  if (x.dtype === 'float32' && tf.getKernel(kernel, tf.getBackend()) !== undefined) {
    const attrs: tf.NamedAttrMap = alpha === 0 ? {} : { alpha };
    return tf.engine().runKernel(kernel, { dy, x }, attrs) as tf.Tensor;
  }
  const features = x.dtype === 'float32' ? x : tf.cast(x, 'float32');
  return tf.mul(dy, tf.step(features, alpha));
}

/** tfjs-core's gradients that {@link ACTIVATION_GRADIENTS} replace, to put back on unregister. */
const replacedGradients = new Map<string, tf.GradConfig>();
let registered = false;

/** Registers {@link ACTIVATION_GRADIENTS} (gradients are global: on every backend). Idempotent. */
export function registerActivationGradients(): void {
  if (registered) return;
  for (const gradient of ACTIVATION_GRADIENTS) {
    const stock = tf.getGradient(gradient.kernelName);
    if (stock !== undefined && stock !== null) replacedGradients.set(gradient.kernelName, stock);
    tf.registerGradient(gradient);
  }
  registered = true;
}

/** Puts tfjs-core's ReLU and leaky ReLU gradients back, for comparisons against them. */
export function unregisterActivationGradients(): void {
  if (!registered) return;
  for (const gradient of ACTIVATION_GRADIENTS) {
    tf.unregisterGradient(gradient.kernelName);
    const stock = replacedGradients.get(gradient.kernelName);
    if (stock !== undefined) tf.registerGradient(stock);
  }
  registered = false;
}
