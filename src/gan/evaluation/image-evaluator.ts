import * as tf from '../../core/backend/tf.js';
import { SampleShapeError } from '../metrics/errors.js';
import {
  extractFeatureTensors,
  readExtracted,
  type SampleSource,
} from '../metrics/extractors/extract-features.js';
import type { FeatureExtractor } from '../metrics/extractors/feature-extractor.js';
import { SampleCountError } from './errors.js';
import type { Evaluator, MetricGoal, MetricValues, PendingScore } from './evaluator.js';
import { metricCatalog, type MetricEntryName, type MetricInputs } from './metric-catalog.js';
import type { ReferenceSet } from './reference-file.js';
import { sampleCount } from './sample-count.js';

/** Options of {@link imageEvaluator}: how much of each metric to compute. */
export interface ImageEvaluatorOptions {
  /**
   * The KID's subsets (torch-fidelity's defaults: 100 of 1,000 samples); `false` skips the KID.
   * Its cost grows with `numSubsets · subsetSize²`: 100 × 1,000 take about 30 s here.
   */
  kid?: { numSubsets?: number; subsetSize?: number } | false;
  /**
   * Samples of each set (seeded subsets) for precision/recall and density/coverage, default
   * 5,000; their cost grows with its square (10 s at 5,000 here). `false` skips them.
   */
  manifoldSamples?: number | false;
  /** Seeds the subsets; default 0. */
  seed?: number;
  /** Samples per forward pass of the extractor; default 500. */
  batchSize?: number;
}

/**
 * Scores image samples by an extractor's features against the real data's reference set:
 * `frechet_distance` (on every sample, against the reference statistics), `kid` and `kid_std`,
 * `precision` and `recall` (k = 3), `density` and `coverage` (k = 5) and, when the extractor
 * classifies, `classes_present` and `class_entropy` (nats) of the predicted classes. Best
 * checkpoints go by the Fréchet distance.
 *
 * @example
 * ```ts
 * const evaluator = imageEvaluator(classifier, reference, { kid: { numSubsets: 10 } });
 * const metrics = await evaluator.take(samples).score();
 * ```
 *
 * @param extractor - the feature extractor; disposed with the evaluator.
 * @param reference - the real data's features with the same extractor, or a function that
 *   loads them, called once, when the first samples are scored (so that samples it cannot score
 *   are refused before a reference set is computed and cached).
 * @param options - which metrics, at what size.
 * @returns the evaluator.
 */
export function imageEvaluator(
  extractor: FeatureExtractor,
  reference: ReferenceSet | (() => Promise<ReferenceSet>),
  options: ImageEvaluatorOptions = {},
): Evaluator {
  const dimension = featureDimension(extractor);
  let loaded: Promise<ReferenceSet> | undefined;
  const loadReference = (): Promise<ReferenceSet> =>
    (loaded ??= typeof reference === 'function' ? reference() : Promise.resolve(reference));
  const metrics = metricGoals(extractor, options);
  const minSamples = dimension + 1;
  return {
    extractor: extractor.name,
    sampleShape: extractor.inputShape,
    minSamples,
    metrics,
    primary: metrics[0]!,
    take(samples: tf.Tensor | SampleSource): PendingScore {
      const count = sampleCount(samples);
      checkSampleShape(extractor, samples);
      if (count < minSamples) {
        throw new SampleCountError(
          `${count} sample${count === 1 ? '' : 's'}: the Fréchet distance on the ${dimension} ` +
            `features of ${extractor.name} needs at least ${minSamples} (more samples than ` +
            'features); score more samples',
        );
      }
      const device = extractFeatureTensors(extractor, samples, options.batchSize);
      let pending = true;
      return {
        count,
        score: async () => {
          pending = false;
          const extracted = await readExtracted(device);
          return scoreFeatures(extracted, await loadReference(), extractor, options);
        },
        dispose: () => {
          if (pending) tf.dispose([device.features, device.probabilities ?? []]);
          pending = false;
        },
      };
    },
    dispose: () => extractor.dispose(),
  };
}

/** The extractor's feature count, from one blank sample. */
function featureDimension(extractor: FeatureExtractor): number {
  return tf.tidy(() => extractor.apply(tf.zeros([1, ...extractor.inputShape])).features.shape[1]);
}

function checkSampleShape(extractor: FeatureExtractor, samples: tf.Tensor | SampleSource): void {
  if (!(samples instanceof tf.Tensor)) return;
  const shape = samples.shape.slice(1);
  const expected = extractor.inputShape;
  if (shape.length !== expected.length || shape.some((size, i) => size !== expected[i])) {
    throw new SampleShapeError(
      `samples of shape [${shape.join(', ')}] do not fit the ${extractor.name} extractor, ` +
        `which reads [${expected.join(', ')}]; score them with an extractor for that shape`,
    );
  }
}

/** The catalog entries this evaluator scores with, and each one's options. */
function enabledMetrics(
  extractor: FeatureExtractor,
  options: ImageEvaluatorOptions,
): { name: MetricEntryName; options: Readonly<Record<string, unknown>> }[] {
  const enabled: { name: MetricEntryName; options: Readonly<Record<string, unknown>> }[] = [
    { name: 'frechet_distance', options: {} },
  ];
  if (options.kid !== false) enabled.push({ name: 'kid', options: options.kid ?? {} });
  if (options.manifoldSamples !== false) {
    const manifold =
      options.manifoldSamples === undefined ? {} : { manifoldSamples: options.manifoldSamples };
    enabled.push(
      { name: 'precision_recall', options: manifold },
      { name: 'density_coverage', options: manifold },
    );
  }
  if (extractor.classCount !== undefined) enabled.push({ name: 'class_coverage', options: {} });
  return enabled;
}

function metricGoals(extractor: FeatureExtractor, options: ImageEvaluatorOptions): MetricGoal[] {
  return enabledMetrics(extractor, options).flatMap(
    ({ name }) => metricCatalog.entry(name).reports,
  );
}

function scoreFeatures(
  extracted: Awaited<ReturnType<typeof readExtracted>>,
  reference: ReferenceSet,
  extractor: FeatureExtractor,
  options: ImageEvaluatorOptions,
): MetricValues {
  const { features, predictedClasses } = extracted;
  const inputs: MetricInputs = {
    reference,
    features,
    seed: options.seed ?? 0,
    ...(predictedClasses !== undefined && extractor.classCount !== undefined
      ? { classes: { predicted: predictedClasses, classCount: extractor.classCount } }
      : {}),
  };
  const values: Record<string, number> = {};
  for (const metric of enabledMetrics(extractor, options)) {
    Object.assign(values, metricCatalog.create(metric.name, metric.options, inputs));
  }
  return values;
}
