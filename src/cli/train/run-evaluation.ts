import type { Logger } from '../../core/logger.js';
import type { Dataset } from '../../gan/data/dataset.js';
import type { Evaluator, MetricGoal } from '../../gan/evaluation/evaluator.js';
import { evaluatorFor } from '../../gan/evaluation/evaluator-for.js';
import type { ImageEvaluatorOptions } from '../../gan/evaluation/image-evaluator.js';
import type { ResolvedTrainConfig } from '../config/resolve-train-config.js';
import { UsageError } from '../usage-error.js';

/**
 * The image metrics a training run computes at each evaluation: every metric of `gantry eval`,
 * but the KID over 10 subsets instead of 100, which keeps one evaluation of 2,000 MNIST samples
 * to a few seconds.
 */
export const TRAINING_EVALUATION: ImageEvaluatorOptions = { kid: { numSubsets: 10 } };

/** How a `gantry train` run scores itself: the evaluator and the best checkpoint's metric. */
export interface RunEvaluation {
  readonly evaluator: Evaluator;
  readonly best: MetricGoal;
}

/**
 * Prepares the evaluation of a run with `--eval-every N` (N > 0): the dataset's evaluator and
 * the metric its best checkpoint is kept by (`--best-metric`, else the evaluator's headline
 * metric), checked before training starts.
 *
 * @param config - the resolved config.
 * @param dataset - the run's data.
 * @param logger - told when reference statistics are computed.
 * @returns the evaluation, or `undefined` when the run does not evaluate.
 * @throws NoExtractorError when nothing can score the dataset; UsageError for a best metric the
 *   evaluator does not report.
 */
export async function runEvaluation(
  config: ResolvedTrainConfig,
  dataset: Dataset,
  logger: Logger,
): Promise<RunEvaluation | undefined> {
  if (config.evalEvery === 0) return undefined;
  const evaluator = await evaluatorFor(dataset, { logger, image: TRAINING_EVALUATION });
  const metric = config.bestMetric ?? evaluator.primary.metric;
  const best = evaluator.metrics.find((goal) => goal.metric === metric);
  if (best === undefined) {
    evaluator.dispose();
    throw new UsageError(
      `--best-metric ${metric}: ${evaluator.extractor} reports ` +
        `${evaluator.metrics.map((goal) => goal.metric).join(', ')}`,
    );
  }
  return { evaluator, best };
}
