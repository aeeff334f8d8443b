import * as tf from '../../core/backend/tf.js';
import type { GaussianMixtureDataset } from '../data/gaussian-mixture.js';
import { SampleShapeError } from '../metrics/errors.js';
import type { SampleSource } from '../metrics/extractors/extract-features.js';
import { SampleCountError } from './errors.js';
import type { Evaluator, MetricGoal, PendingScore } from './evaluator.js';
import { metricCatalog } from './metric-catalog.js';
import { sampleCount } from './sample-count.js';

const METRICS: readonly MetricGoal[] = metricCatalog.entry('mode_coverage').reports;

/**
 * Scores 2-D toy samples by the protocol of VEEGAN and PacGAN, against the mixture's known
 * modes (no extractor, no reference set): `modes_covered` (modes with at least one
 * high-quality sample), `high_quality` (the share of samples within 3σ of their nearest mode),
 * `reverse_kl` (KL of the high-quality samples' mode histogram from the uniform one, nats) and
 * `min_mode_share` (the smallest mode's share of all samples). Best checkpoints go by the
 * reverse KL, which a collapse onto few modes raises and off-mode samples cannot lower.
 *
 * @example
 * ```ts
 * const evaluator = mixtureEvaluator(grid25(0));
 * const { modes_covered } = await evaluator.take(points).score();
 * ```
 *
 * @param mixture - the dataset whose modes the samples should cover.
 * @returns the evaluator.
 */
export function mixtureEvaluator(mixture: GaussianMixtureDataset): Evaluator {
  const sampleShape = mixture.sampleShape;
  return {
    extractor: 'mode-coverage',
    sampleShape,
    minSamples: 1,
    metrics: METRICS,
    primary: METRICS[0]!,
    take(samples: tf.Tensor | SampleSource): PendingScore {
      const count = sampleCount(samples);
      if (count < 1) {
        throw new SampleCountError('0 samples: mode coverage needs at least 1; score more samples');
      }
      const points = gather(samples, count);
      const shape = points.shape.slice(1);
      if (shape.length !== 1 || shape[0] !== sampleShape[0]) {
        points.dispose();
        throw new SampleShapeError(
          `samples of shape [${shape.join(', ')}] are not points of ${mixture.name}, which ` +
            `are [${sampleShape.join(', ')}]; score the samples of a ${mixture.name} run`,
        );
      }
      let pending = true;
      return {
        count,
        score: async () => {
          pending = false;
          const rows = (await points.array()) as number[][];
          points.dispose();
          return metricCatalog.create('mode_coverage', {}, { points: { rows, mixture }, seed: 0 });
        },
        dispose: () => {
          if (pending) points.dispose();
          pending = false;
        },
      };
    },
    dispose: () => undefined,
  };
}

function gather(samples: tf.Tensor | SampleSource, count: number): tf.Tensor {
  if (samples instanceof tf.Tensor) return tf.clone(samples);
  const parts: tf.Tensor[] = [];
  for (let start = 0; start < count; start += 1000) {
    parts.push(samples.batch(start, Math.min(1000, count - start)));
  }
  const all = tf.concat(parts, 0);
  tf.dispose(parts);
  return all;
}
