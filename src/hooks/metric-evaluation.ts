import type { Observable, Subscription } from 'rxjs';
import type { CheckpointManager } from '../core/checkpoint/checkpoint-manager.js';
import { everyN } from '../core/events/every-n.js';
import type { GeneratorStepEvent, TrainingEvent } from '../core/events/training-event.js';
import type { Evaluator, MetricValues, PendingScore } from '../gan/evaluation/evaluator.js';
import { generatorSamples } from '../gan/evaluation/generator-samples.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';
import { withAveragedWeights } from '../gan/averaged-weights.js';
import { checkPeriod } from '../gan/hooks-runtime/check-period.js';

/** Options of {@link MetricEvaluationHook}. */
export interface MetricEvaluationOptions {
  /** How to score the samples: `await evaluatorFor(dataset)`. The hook does not dispose it. */
  evaluator: Evaluator;
  /** Evaluate every this many generator steps; default 1000. */
  everyNSteps?: number;
  /** Samples per evaluation, a fixed seeded set (the run's `evaluation` stream); default 2000. */
  samples?: number;
  /**
   * `average` (default): the moving average of the generator's weights when the run keeps one,
   * else the trained weights; `trained`: always the trained weights.
   */
  weights?: 'average' | 'trained';
  /**
   * When the run's checkpoint manager keeps a best checkpoint (its `best` option), save a
   * checkpoint at every evaluation and report its score; default true.
   */
  keepBest?: boolean;
}

/**
 * Scores the generator every `everyNSteps` generator steps — on its moving-average weights
 * when the run keeps them — and announces the scores as an `evaluation` event, which the
 * summary saver writes to TensorBoard (`metrics/<name>`) and the progress bar shows. With a
 * checkpoint manager that keeps the best checkpoint, each evaluated step is saved and scored.
 *
 * Only what needs the step's weights runs during training: the generator and the feature
 * extractor on a fixed seeded batch, synchronously between two updates. Reading the features
 * back and computing the metrics (and the reference statistics, the first time) is deferred
 * work, one evaluation at a time in step order, while training goes on. With replicas, only the
 * chief evaluates (`chiefOnly`).
 *
 * @example
 * ```ts
 * const evaluator = await evaluatorFor(mnist(0));
 * createTrainer({ ...config, hooks: [new MetricEvaluationHook({ evaluator, everyNSteps: 200 })] });
 * ```
 */
export class MetricEvaluationHook implements Hook {
  readonly name = 'MetricEvaluationHook';
  readonly chiefOnly = true;
  private readonly every: number;
  private readonly samples: number;

  /**
   * @param options - the evaluator, the period and the sample count.
   * @throws RangeError when a count is not a positive integer or the sample count is below what
   *   the evaluator needs.
   */
  constructor(private readonly options: MetricEvaluationOptions) {
    this.every = checkPeriod(options.everyNSteps ?? 1000, 'everyNSteps', this.name);
    this.samples = checkPeriod(options.samples ?? 2000, 'samples', this.name);
    const { minSamples, extractor } = options.evaluator;
    if (this.samples < minSamples) {
      throw new RangeError(
        `${this.name}: samples ${this.samples} is fewer than ${extractor} needs (${minSamples})`,
      );
    }
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    const { evaluator } = this.options;
    const manager =
      this.options.keepBest === false ? undefined : bestKeeping(context, evaluator, this.name);
    // One scoring at a time, in step order: TensorBoard needs a tag's steps to increase.
    let previous: Promise<unknown> = Promise.resolve();
    return events$.pipe(everyN(this.every)).subscribe((event) => {
      const pending = this.take(context);
      const scoring = previous.then(() => pending.score());
      previous = scoring.catch(() => undefined);
      context.defer(scoring.then((metrics) => this.announce(event, metrics, context)));
      if (manager !== undefined) {
        const goal = manager.bestGoal!;
        const { critic, generator } = event.steps;
        context.defer(manager.save({ critic, generator }));
        context.defer(
          manager.recordScore(
            generator,
            scoring.then((metrics) => metrics[goal.metric]),
          ),
        );
      }
    });
  }

  /** Runs the generator and the extractor now, between two updates, on this step's weights. */
  private take(context: TrainingContext): PendingScore {
    const { generator, settings } = context;
    const average = this.options.weights === 'trained' ? undefined : context.generatorAverage;
    const samples = generatorSamples((z) => generator.apply(z, false), {
      count: this.samples,
      noiseSize: settings.latentDim,
      seed: settings.seed,
    });
    return withAveragedWeights(generator, average, () => this.options.evaluator.take(samples));
  }

  private announce(
    event: GeneratorStepEvent,
    metrics: MetricValues,
    context: TrainingContext,
  ): void {
    const { evaluator } = this.options;
    context.announceEvaluation({
      evaluated: event.steps,
      metrics,
      samples: this.samples,
      extractor: evaluator.extractor,
      primary: evaluator.primary,
    });
  }
}

/**
 * The run's checkpoint manager when it keeps a best checkpoint by one of the evaluator's
 * metrics; `undefined` when it keeps none.
 */
function bestKeeping(
  context: TrainingContext,
  evaluator: Evaluator,
  hook: string,
): CheckpointManager | undefined {
  const manager = context.checkpointManager();
  const goal = manager.bestGoal;
  if (goal === undefined) return undefined;
  if (!evaluator.metrics.some((m) => m.metric === goal.metric)) {
    throw new RangeError(
      `${hook}: the checkpoint manager keeps the best checkpoint by ${goal.metric}, which ` +
        `${evaluator.extractor} does not report; choose one of ` +
        evaluator.metrics.map((m) => m.metric).join(', '),
    );
  }
  return manager;
}
