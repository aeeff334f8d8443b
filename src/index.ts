/**
 * gantry: train GANs on TensorFlow.js with TensorFlow 1's `tf.train` semantics.
 *
 * @packageDocumentation
 */
import 'reflect-metadata';

export * as tf from './core/backend/tf.js';
export * from './core/backend/index.js';
export { consoleLogger, silentLogger, type Logger } from './core/logger.js';
export * from './core/optim/index.js';
export * from './core/checkpoint/index.js';
export * from './core/summary/index.js';
export * from './core/events/index.js';
export * from './core/distributed/index.js';
export * from './core/di/index.js';
export * from './core/random/index.js';
export * from './core/catalog/index.js';
export * from './gan/index.js';
export * from './hooks/index.js';
