import * as tf from '../../../core/backend/tf.js';

/** What {@link imagePreprocessing} makes of generator-range images. */
export interface ImagePreprocessingOptions {
  /** `[height, width]` the model reads; images are resized bilinearly. Default: unchanged. */
  size?: readonly [number, number];
  /**
   * Channels the model reads: 3 repeats a gray image's channel (MNIST into an ImageNet model),
   * 1 averages RGB into gray. Default: unchanged.
   */
  channels?: 1 | 3;
  /**
   * The pixel range the model expects, mapped linearly from the generator's [−1, 1]:
   * `[-1, 1]` (Keras' InceptionV3 `preprocess_input`), `[0, 1]`, or `[0, 255]`. Default `[-1, 1]`.
   */
  range?: readonly [number, number];
}

/**
 * The usual preprocessing for an image model of your own: generator output in [−1, 1] mapped
 * to the model's pixel range, resized with `tf.image.resizeBilinear` and given the channels
 * the model reads. Real images go through the same function, so both sets match.
 *
 * @example
 * ```ts
 * // An InceptionV3 converted with tensorflowjs_converter, scoring 28×28 gray digits:
 * const preprocess = imagePreprocessing({ size: [299, 299], channels: 3, range: [-1, 1] });
 * ```
 *
 * @param options - the model's size, channels and range.
 * @returns a function from `[N, H, W, C]` in [−1, 1] to the model's input.
 */
export function imagePreprocessing(
  options: ImagePreprocessingOptions = {},
): (images: tf.Tensor) => tf.Tensor4D {
  const [low, high] = options.range ?? [-1, 1];
  return (images) =>
    tf.tidy(() => {
      let x = images as tf.Tensor4D;
      if (options.channels === 3 && x.shape[3] === 1) x = tf.tile(x, [1, 1, 1, 3]);
      if (options.channels === 1 && x.shape[3] === 3) x = tf.mean(x, 3, true);
      if (options.size !== undefined) {
        const [height, width] = options.size;
        if (x.shape[1] !== height || x.shape[2] !== width) {
          x = tf.image.resizeBilinear(x, [height, width]);
        }
      }
      return low === -1 && high === 1 ? x : tf.add(tf.mul(tf.add(x, 1), (high - low) / 2), low);
    });
}
