import { z } from 'zod';
import { defineCatalog } from '../../core/catalog/catalog.js';
import { catalogEntry } from '../../core/catalog/catalog-entry.js';
import { nonSaturating } from './cross-entropy.js';
import type { GanLoss } from './gan-loss.js';
import { wassersteinGradientPenalty } from './gradient-penalty.js';
import { hinge } from './hinge.js';
import { leastSquares } from './least-squares.js';
import { wasserstein } from './wasserstein.js';

/** What a loss factory takes from its caller rather than from the user's options. */
export interface LossContext {
  /**
   * A seed of the loss's own random draws (WGAN-GP's interpolation); default the trainer's
   * per-update seed, derived from the run's.
   */
  readonly seed?: number;
}

const lossEntry = catalogEntry<LossContext, GanLoss>();

/**
 * Every loss by the name `gantry train --loss` and config files use. `wgan` is the plain
 * Wasserstein loss: its Lipschitz constraint is the critic's weight clipping (the trainer's
 * `weightClip`), not part of the loss.
 *
 * @example
 * ```ts
 * const loss = lossCatalog.create('wgan-gp', { gpWeight: 10 }, {});
 * ```
 */
export const lossCatalog = defineCatalog<LossContext, GanLoss>()(
  { kind: 'loss', plural: 'losses' },
  [
    lossEntry({
      name: 'wgan',
      description: 'Wasserstein loss (Arjovsky et al. 2017); pair it with weight clipping',
      options: {},
      create: () => wasserstein(),
    }),
    lossEntry({
      name: 'wgan-gp',
      description: 'Wasserstein loss with a gradient penalty (Gulrajani et al. 2017)',
      options: {
        gpWeight: {
          schema: z.number().positive(),
          default: 10,
          help: 'weight of the gradient penalty (wgan-gp)',
          placeholder: 'LAMBDA',
          allowed: 'a number > 0',
          reads: 'number',
        },
      },
      create: ({ gpWeight }, { seed }) =>
        wassersteinGradientPenalty({ weight: gpWeight, ...(seed === undefined ? {} : { seed }) }),
    }),
    lossEntry({
      name: 'ns',
      description: 'non-saturating cross-entropy loss (Goodfellow et al. 2014)',
      options: {},
      create: () => nonSaturating(),
    }),
    lossEntry({
      name: 'hinge',
      description: 'hinge loss (Lim & Ye 2017; SAGAN, BigGAN)',
      options: {},
      create: () => hinge(),
    }),
    lossEntry({
      name: 'lsgan',
      description: 'least-squares loss (Mao et al. 2017)',
      options: {},
      create: () => leastSquares(),
    }),
  ],
);

/** A loss name: one of `lossCatalog.names`. */
export type LossName = (typeof lossCatalog.names)[number];
