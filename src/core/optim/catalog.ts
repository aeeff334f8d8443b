import { z } from 'zod';
import { defineCatalog } from '../catalog/catalog.js';
import { catalogEntry } from '../catalog/catalog-entry.js';
import type { LearningRate } from './optimizer-args.js';
import type { Optimizer } from './optimizer.js';
import { AdadeltaOptimizer } from './optimizers/adadelta.js';
import { AdagradOptimizer } from './optimizers/adagrad.js';
import { AdamOptimizer } from './optimizers/adam.js';
import { FtrlOptimizer } from './optimizers/ftrl.js';
import { GradientDescentOptimizer } from './optimizers/gradient-descent.js';
import { MomentumOptimizer } from './optimizers/momentum.js';
import { RMSPropOptimizer } from './optimizers/rmsprop.js';

/** What an optimizer factory takes from its caller rather than from the user's options. */
export interface OptimizerContext {
  /** A rate or a schedule of the optimizer's own step. */
  readonly learningRate: LearningRate;
  /** The optimizer's name, under which its slots are saved; default TensorFlow's (`Adam`). */
  readonly name?: string;
}

/** What every optimizer entry says besides the common fields. */
export interface OptimizerEntryFields {
  /** TensorFlow's name of the optimizer (`Adam`), the default `name` of its slots' scope. */
  readonly tfName: string;
}

const optimizerEntry = catalogEntry<OptimizerContext, Optimizer, OptimizerEntryFields>();

// The momentum coefficient most recipes use; TensorFlow 1 has no default for it.
const MOMENTUM = 0.9;

const fraction = z.number().min(0).lt(1);

/**
 * gantry's TF1 optimizers by the names `gantry train --optimizer` and config files use, each
 * with TensorFlow 1's defaults for what its options leave out.
 *
 * @example
 * ```ts
 * const critic = optimizerCatalog.create('adam', { beta1: 0.5 }, { learningRate: 1e-4 });
 * const generator = optimizerCatalog.create('adam', { beta1: 0.5 }, { learningRate: 1e-4, name: 'Adam_1' });
 * ```
 */
export const optimizerCatalog = defineCatalog<OptimizerContext, Optimizer, OptimizerEntryFields>()(
  { kind: 'optimizer', plural: 'optimizers' },
  [
    optimizerEntry({
      name: 'rmsprop',
      tfName: 'RMSProp',
      description: "TensorFlow 1's RMSProp (decay 0.9, no momentum)",
      options: {},
      create: (_, context) => new RMSPropOptimizer(context),
    }),
    optimizerEntry({
      name: 'adam',
      tfName: 'Adam',
      description: "TensorFlow 1's Adam",
      options: {
        beta1: {
          schema: fraction,
          default: 0.9,
          help: "Adam's β1 (both networks)",
          placeholder: 'X',
          allowed: 'a number in [0, 1)',
          reads: 'number',
        },
        beta2: {
          schema: fraction,
          default: 0.999,
          help: "Adam's β2 (both networks)",
          placeholder: 'X',
          allowed: 'a number in [0, 1)',
          reads: 'number',
        },
      },
      create: ({ beta1, beta2 }, context) => new AdamOptimizer({ ...context, beta1, beta2 }),
    }),
    optimizerEntry({
      name: 'sgd',
      tfName: 'GradientDescent',
      description: "TensorFlow 1's plain gradient descent",
      options: {},
      create: (_, context) => new GradientDescentOptimizer(context),
    }),
    optimizerEntry({
      name: 'momentum',
      tfName: 'Momentum',
      description: `TensorFlow 1's momentum optimizer, momentum ${MOMENTUM}`,
      options: {},
      create: (_, context) => new MomentumOptimizer({ ...context, momentum: MOMENTUM }),
    }),
    optimizerEntry({
      name: 'adagrad',
      tfName: 'Adagrad',
      description: "TensorFlow 1's Adagrad",
      options: {},
      create: (_, context) => new AdagradOptimizer(context),
    }),
    optimizerEntry({
      name: 'adadelta',
      tfName: 'Adadelta',
      description: "TensorFlow 1's Adadelta",
      options: {},
      create: (_, context) => new AdadeltaOptimizer(context),
    }),
    optimizerEntry({
      name: 'ftrl',
      tfName: 'Ftrl',
      description: "TensorFlow 1's FTRL-proximal",
      options: {},
      create: (_, context) => new FtrlOptimizer(context),
    }),
  ],
);

/** An optimizer name: one of `optimizerCatalog.names`. */
export type OptimizerName = (typeof optimizerCatalog.names)[number];
