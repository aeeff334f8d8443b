import type { GivenOptions } from '../core/catalog/catalog.js';
import { optimizerCatalog } from '../core/optim/catalog.js';
import type { LearningRate } from '../core/optim/optimizer-args.js';
import type { Optimizer } from '../core/optim/optimizer.js';

/** One network's optimizer: an {@link optimizerCatalog} entry, its options and its rate. */
export interface OptimizerChoice {
  /** The entry's name, e.g. `adam`. */
  readonly kind: string;
  /** Any of the entry's options; the rest take TensorFlow 1's defaults. */
  readonly options?: GivenOptions;
  readonly learningRate: LearningRate;
}

/**
 * Builds the optimizers of the two networks through {@link optimizerCatalog}, named as
 * TensorFlow 1 names two optimizers in one graph: the critic's keeps TensorFlow's name
 * (`Adam`), the generator's is uniquified (`Adam_1`), so their slots (`<var>/Adam_1/m`) and
 * non-slot variables (`Adam/beta1_power`, `Adam_1/beta1_power`) never collide.
 *
 * @example
 * ```ts
 * const optimizers = optimizerPair(
 *   { kind: 'adam', options: { beta1: 0.5 }, learningRate: 2e-4 },
 *   { kind: 'adam', options: { beta1: 0.5 }, learningRate: 2e-4 },
 * );
 * createTrainer({ ...config, optimizers });
 * ```
 * @param critic - the critic's optimizer.
 * @param generator - the generator's optimizer.
 * @returns `{ critic, generator }`, ready for `createTrainer({ optimizers })`.
 * @throws CatalogError for an unknown optimizer, option or bad value.
 */
export function optimizerPair(
  critic: OptimizerChoice,
  generator: OptimizerChoice,
): { critic: Optimizer; generator: Optimizer } {
  const generatorName = `${optimizerCatalog.entry(generator.kind).tfName}_1`;
  return {
    critic: optimizerCatalog.create(critic.kind, critic.options ?? {}, {
      learningRate: critic.learningRate,
    }),
    generator: optimizerCatalog.create(generator.kind, generator.options ?? {}, {
      learningRate: generator.learningRate,
      name: generatorName,
    }),
  };
}
