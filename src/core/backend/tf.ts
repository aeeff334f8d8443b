/**
 * The one TensorFlow.js namespace gantry uses (`@tensorflow/tfjs`: core ops with their
 * gradients and chained methods, layers, data). Every gantry module imports tensors from here,
 * and the tfjs-node packages register their backend into this same instance, so a model built
 * with `tf.sequential()` and gantry's optimizers share one engine and one kernel registry.
 */
export * from '@tensorflow/tfjs';
