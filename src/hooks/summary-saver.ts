import type { Observable, Subscription } from 'rxjs';
import { everyN, isUpdateOf } from '../core/events/every-n.js';
import type {
  CriticStepEvent,
  GeneratorStepEvent,
  StepName,
  TrainingEvent,
} from '../core/events/training-event.js';
import type { SummaryWriter } from '../core/summary/summary-writer.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';
import { writeHistogramsEvery } from './histograms.js';
import { checkPeriod } from '../gan/hooks-runtime/check-period.js';

/** Options of {@link SummarySaverHook}. */
export interface SummarySaverOptions {
  /** Write the scalars every this many generator steps; default 100 (TF's `save_steps`). */
  everyNSteps?: number;
  /**
   * Write histograms of both networks' weights and gradients every this many generator steps;
   * default 1000; 0: never.
   */
  histogramsEveryNSteps?: number;
  /**
   * What to record as the `config` text summary at `begin`: the resolved configuration of the
   * run (the CLI passes its whole config); default `context.settings`; `false`: none.
   */
  config?: unknown;
}

/**
 * Writes a run's TensorBoard summaries through `context.summaryWriter()` (semantics follow TF's
 * `tf.train.SummarySaverHook`). Each network's values go under its own tags on its own global
 * step, because TensorBoard needs steps that increase per tag:
 *
 * - every `everyNSteps` generator steps, `generator/loss`, `generator/learning_rate`,
 *   `generator/learning_rate/effective` (the update's effective step size, Adam's alpha_t),
 *   `generator/<metric>` and `global_step/generator/sec` at `steps.generator`, and the last
 *   critic update's `critic/loss`, `critic/learning_rate`, `critic/learning_rate/effective` and
 *   `critic/<metric>` (the Wasserstein estimate, gradient penalty, gradient norm, ...) at
 *   `steps.critic`;
 * - every `histogramsEveryNSteps` generator steps, a histogram of every trainable variable,
 *   tagged with its name, and of the gradient its last update applied, tagged
 *   `<name>_gradient` (as TF's `add_gradients_summaries` does): the generator's at
 *   `steps.generator`, the critic's at `steps.critic` (its gradients at the step of the last
 *   critic update applied before that generator step);
 * - on each `evaluation` event (a `MetricEvaluationHook`'s), every metric as `metrics/<name>`
 *   at the evaluated generator step;
 * - at `begin`, the run's configuration as a `config` text summary (step 0 unless resumed);
 * - at `end`, a flush, so a write failure fails the run naming this hook.
 *
 * Skipped updates (a `NanGuardHook` in skip mode) write nothing. The trainer closes the writer.
 *
 * @example
 * ```ts
 * createTrainer({ ...config, logdir: 'runs/wgan', hooks: [new SummarySaverHook({ everyNSteps: 50 })] });
 * // tensorboard --logdir runs
 * ```
 */
export class SummarySaverHook implements Hook {
  readonly name = 'SummarySaverHook';
  /** Writes files or the terminal: in a run with replicas, only the chief attaches it. */
  readonly chiefOnly = true;
  private readonly every: number;
  private readonly histogramsEvery: number;

  /**
   * @param options - the periods and the config to record.
   * @throws RangeError when a period is not a positive integer (or 0 for histograms).
   */
  constructor(private readonly options: SummarySaverOptions = {}) {
    this.every = checkPeriod(options.everyNSteps ?? 100, 'everyNSteps', this.name);
    this.histogramsEvery = checkPeriod(
      options.histogramsEveryNSteps ?? 1000,
      'histogramsEveryNSteps',
      this.name,
      { allowZero: true },
    );
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    let lastCritic: CriticStepEvent | undefined;
    let rateMark: { step: number; time: number } | undefined;
    // The critic's step may not have moved since the last write (its updates were skipped).
    let criticWritten = -1;
    let opened: SummaryWriter | undefined;
    const writer = (): SummaryWriter => (opened ??= context.summaryWriter());
    const subscription = events$.subscribe((event) => {
      if (isUpdateOf(event, 'critic')) lastCritic = event;
      if (event.kind === 'begin') {
        rateMark = { step: event.steps.generator, time: event.time };
        this.writeConfig(writer, context, event.steps.generator);
      }
      if (event.kind === 'evaluation') {
        for (const [name, value] of Object.entries(event.metrics)) {
          writer().scalar(`metrics/${name}`, value, event.evaluated.generator);
        }
      }
      if (event.kind === 'end' && opened !== undefined) context.defer(opened.flush());
    });
    subscription.add(
      events$.pipe(everyN(this.every)).subscribe((event) => {
        writeStep(writer(), event);
        if (lastCritic !== undefined && lastCritic.steps.critic > criticWritten) {
          writeStep(writer(), lastCritic);
          criticWritten = lastCritic.steps.critic;
        }
        const step = event.steps.generator;
        if (rateMark !== undefined && event.time > rateMark.time && step > rateMark.step) {
          const rate = ((step - rateMark.step) * 1000) / (event.time - rateMark.time);
          writer().scalar('global_step/generator/sec', rate, step);
        }
        rateMark = { step, time: event.time };
      }),
    );
    if (this.histogramsEvery > 0) {
      subscription.add(writeHistogramsEvery(this.histogramsEvery, events$, context, writer));
    }
    return subscription;
  }

  private writeConfig(writer: () => SummaryWriter, context: TrainingContext, step: number): void {
    const config = this.options.config ?? context.settings;
    if (config === false) return;
    const json = JSON.stringify(config, null, 2);
    writer().text('config', `\`\`\`json\n${json}\n\`\`\``, step);
  }
}

/**
 * Writes one update's scalars under its network's tags at its network's step.
 *
 * @param writer - the run's writer.
 * @param event - a critic or generator update.
 */
function writeStep(writer: SummaryWriter, event: CriticStepEvent | GeneratorStepEvent): void {
  const network: StepName = event.kind === 'critic-step' ? 'critic' : 'generator';
  const step = event.steps[network];
  writer.scalar(`${network}/loss`, event.loss, step);
  writer.scalar(`${network}/learning_rate`, event.learningRates[network], step);
  writer.scalar(`${network}/learning_rate/effective`, event.effectiveLearningRates[network], step);
  for (const [name, value] of Object.entries(event.metrics)) {
    writer.scalar(metricTag(network, name), value, step);
  }
}

/**
 * The tag of a metric: under its network, without a repeated network suffix
 * (`gradient_norm/critic` of a critic update is `critic/gradient_norm`).
 */
function metricTag(network: StepName, name: string): string {
  const suffix = `/${network}`;
  return `${network}/${name.endsWith(suffix) ? name.slice(0, -suffix.length) : name}`;
}
