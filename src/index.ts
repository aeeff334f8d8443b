/**
 * gantry: train GANs on TensorFlow.js with TensorFlow 1's `tf.train` semantics.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

export * as tf from './core/backend/tf.js';
export * from './core/backend/index.js';
export { consoleLogger, silentLogger, type Logger } from './core/logger.js';
