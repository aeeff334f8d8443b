import { z } from 'zod';
import { defineCatalog } from '../../core/catalog/catalog.js';
import { catalogEntry } from '../../core/catalog/catalog-entry.js';
import type { CatalogOption } from '../../core/catalog/catalog-option.js';
import { deriveSeed } from '../../core/random/derive-seed.js';
import type { GaussianMixtureDataset } from '../data/gaussian-mixture.js';
import { assessModeCoverage } from '../data/mode-coverage.js';
import { classCoverage } from '../metrics/class-coverage.js';
import { densityCoverage } from '../metrics/density-coverage.js';
import type { FeatureMatrix } from '../metrics/feature-matrix.js';
import { featureStatistics } from '../metrics/feature-statistics.js';
import { frechetDistanceFromStatistics } from '../metrics/frechet-distance.js';
import { kernelInceptionDistance } from '../metrics/kernel-inception-distance.js';
import { precisionRecall } from '../metrics/precision-recall.js';
import type { MetricGoal, MetricValues } from './evaluator.js';
import type { ReferenceSet } from './reference-file.js';
import { rowSubset } from './row-subset.js';

/**
 * What a metric scores, as an evaluator hands it over: the generated samples' features against
 * the real data's reference set, their predicted classes, or 2-D points against a mixture's
 * modes. An entry reads only what its {@link MetricEntryExtra.reads} names.
 */
export interface MetricInputs {
  /** The real data's features and statistics (feature metrics). */
  readonly reference?: ReferenceSet;
  /** The generated samples' features (feature metrics). */
  readonly features?: FeatureMatrix;
  /** The extractor's predicted class of each sample, and how many classes it knows. */
  readonly classes?: { readonly predicted: ArrayLike<number>; readonly classCount: number };
  /** Generated 2-D points and the mixture whose modes they should cover. */
  readonly points?: {
    readonly rows: readonly (readonly number[])[];
    readonly mixture: GaussianMixtureDataset;
  };
  /** Seeds the metric's own subsets (KID's, the manifolds'); the evaluator's seed. */
  readonly seed: number;
}

/** What every metric entry declares besides a name, a description and options. */
export interface MetricEntryExtra {
  /** The values it reports, each with the direction in which it is better. */
  readonly reports: readonly MetricGoal[];
  /** Which of {@link MetricInputs} it scores. */
  readonly reads: 'features' | 'classes' | 'points';
}

const metricEntry = catalogEntry<MetricInputs, MetricValues, MetricEntryExtra>();

/** Both manifold metrics score seeded subsets of this many samples of each set. */
const MANIFOLD_SAMPLES: CatalogOption<number> = {
  schema: z.number().int().positive(),
  default: 5000,
  help: 'samples of each set (seeded subsets) the manifold metrics compare',
  placeholder: 'N',
  allowed: 'an integer > 0',
  reads: 'integer',
};

/**
 * Every metric gantry's evaluators report, by entry: the values each reports and whether lower
 * or higher is better (what `--best-metric` keeps a checkpoint by), what it reads, and its
 * options with the reference implementations' defaults. The image evaluator scores with the
 * feature and class entries, the mixture evaluator with `mode_coverage`.
 *
 * @example
 * ```ts
 * const { kid, kid_std } = metricCatalog.create('kid', { numSubsets: 10 }, { reference, features, seed: 0 });
 * metricCatalog.entry('frechet_distance').reports; // [{ metric: 'frechet_distance', mode: 'min' }]
 * ```
 */
export const metricCatalog = defineCatalog<MetricInputs, MetricValues, MetricEntryExtra>()(
  { kind: 'metric', plural: 'metrics' },
  [
    metricEntry({
      name: 'frechet_distance',
      description:
        'Fréchet distance of the feature Gaussians (Heusel et al. 2017), on every sample',
      reports: [{ metric: 'frechet_distance', mode: 'min' }],
      reads: 'features',
      options: {},
      create: (_options, inputs) => {
        const { reference, features } = featureInputs('frechet_distance', inputs);
        return {
          frechet_distance: frechetDistanceFromStatistics(
            reference.statistics,
            featureStatistics(features, 'fake features'),
          ),
        };
      },
    }),
    metricEntry({
      name: 'kid',
      description:
        'kernel inception distance (Bińkowski et al. 2018): unbiased MMD², cubic kernel, ×1000',
      reports: [
        { metric: 'kid', mode: 'min' },
        { metric: 'kid_std', mode: 'min' },
      ],
      reads: 'features',
      options: {
        numSubsets: {
          schema: z.number().int().positive(),
          default: 100,
          help: 'pairs of subsets the KID averages over (torch-fidelity: 100)',
          placeholder: 'K',
          allowed: 'an integer > 0',
          reads: 'integer',
        },
        subsetSize: {
          schema: z.number().int().positive(),
          default: 1000,
          help: 'samples of each set per KID subset (torch-fidelity: 1000)',
          placeholder: 'N',
          allowed: 'an integer > 0',
          reads: 'integer',
        },
      },
      create: ({ numSubsets, subsetSize }, inputs) => {
        const { reference, features } = featureInputs('kid', inputs);
        const kid = kernelInceptionDistance(reference.features, features, {
          numSubsets,
          subsetSize,
          seed: deriveSeed(inputs.seed, 'kid'),
        });
        return { kid: kid.mean, kid_std: kid.std };
      },
    }),
    metricEntry({
      name: 'precision_recall',
      description: 'improved precision and recall (Kynkäänniemi et al. 2019), k = 3',
      reports: [
        { metric: 'precision', mode: 'max' },
        { metric: 'recall', mode: 'max' },
      ],
      reads: 'features',
      options: { manifoldSamples: MANIFOLD_SAMPLES },
      create: ({ manifoldSamples }, inputs) => {
        const { real, fake } = manifoldSubsets('precision_recall', inputs, manifoldSamples);
        return { ...precisionRecall(real, fake) };
      },
    }),
    metricEntry({
      name: 'density_coverage',
      description: 'density and coverage (Naeem et al. 2020), k = 5',
      reports: [
        { metric: 'density', mode: 'max' },
        { metric: 'coverage', mode: 'max' },
      ],
      reads: 'features',
      options: { manifoldSamples: MANIFOLD_SAMPLES },
      create: ({ manifoldSamples }, inputs) => {
        const { real, fake } = manifoldSubsets('density_coverage', inputs, manifoldSamples);
        return { ...densityCoverage(real, fake) };
      },
    }),
    metricEntry({
      name: 'class_coverage',
      description: "the extractor's predicted classes: how many appear, and their entropy (nats)",
      reports: [
        { metric: 'classes_present', mode: 'max' },
        { metric: 'class_entropy', mode: 'max' },
      ],
      reads: 'classes',
      options: {},
      create: (_options, inputs) => {
        if (inputs.classes === undefined) throw missingInput('class_coverage', 'predicted classes');
        const coverage = classCoverage(inputs.classes.predicted, inputs.classes.classCount);
        return { classes_present: coverage.classesPresent, class_entropy: coverage.entropy };
      },
    }),
    metricEntry({
      name: 'mode_coverage',
      description:
        "2-D points against a mixture's modes, by the protocol of VEEGAN and PacGAN (3σ)",
      reports: [
        { metric: 'reverse_kl', mode: 'min' },
        { metric: 'modes_covered', mode: 'max' },
        { metric: 'high_quality', mode: 'max' },
        { metric: 'min_mode_share', mode: 'max' },
      ],
      reads: 'points',
      options: {},
      create: (_options, inputs) => {
        if (inputs.points === undefined) throw missingInput('mode_coverage', 'points');
        const { rows, mixture } = inputs.points;
        const coverage = assessModeCoverage(rows, mixture.means, mixture.std);
        return {
          reverse_kl: coverage.reverseKl,
          modes_covered: coverage.modesCovered,
          high_quality: coverage.highQualityFraction,
          min_mode_share: coverage.minModeFraction,
        };
      },
    }),
  ],
);

/** A metric entry's name: one of `metricCatalog.names`. */
export type MetricEntryName = (typeof metricCatalog.names)[number];

/**
 * Every value any entry reports, in catalog order, with its direction: what `--best-metric`
 * may name.
 *
 * @returns the goals.
 */
export function reportedMetrics(): readonly MetricGoal[] {
  return metricCatalog.entries.flatMap((entry) => entry.reports);
}

function featureInputs(
  name: string,
  inputs: MetricInputs,
): { reference: ReferenceSet; features: FeatureMatrix } {
  if (inputs.reference === undefined || inputs.features === undefined) {
    throw missingInput(name, "features and the real data's reference set");
  }
  return { reference: inputs.reference, features: inputs.features };
}

/** The same seeded subsets for both manifold entries, so they compare the same samples. */
function manifoldSubsets(
  name: string,
  inputs: MetricInputs,
  samples: number,
): { real: FeatureMatrix; fake: FeatureMatrix } {
  const { reference, features } = featureInputs(name, inputs);
  const rows = Math.min(samples, features.rows, reference.features.rows);
  return {
    real: rowSubset(reference.features, rows, deriveSeed(inputs.seed, 'manifold', 'real')),
    fake: rowSubset(features, rows, deriveSeed(inputs.seed, 'manifold', 'fake')),
  };
}

function missingInput(name: string, what: string): Error {
  return new Error(`metric ${name} scores ${what}, and its evaluator gave none`);
}
