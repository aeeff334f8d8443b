import type { Observable, Subscription } from 'rxjs';
import { everyN } from '../core/events/every-n.js';
import type {
  CriticStepEvent,
  EvaluationEvent,
  GeneratorStepEvent,
  TrainingEvent,
} from '../core/events/training-event.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';

/** Options of {@link LoggingHook}. */
export interface LoggingOptions {
  /** Log every this many generator steps; default 100. */
  everyN?: number;
  /** Builds the line; default `step G (critic C): critic loss …, generator loss …, metrics`. */
  format?: (generator: GeneratorStepEvent, critic: CriticStepEvent | undefined) => string;
}

/**
 * Logs the losses and metrics every `everyN` generator steps (TF's `tf.train.LoggingTensorHook`
 * with `every_n_iter`, and `tf.logging.log_every_n`), and each evaluation's metrics as it
 * arrives.
 */
export class LoggingHook implements Hook {
  readonly name = 'LoggingHook';
  private readonly every: number;
  private readonly format: NonNullable<LoggingOptions['format']>;

  /** @param options - the period and the line format. */
  constructor(options: LoggingOptions = {}) {
    this.every = options.everyN ?? 100;
    this.format = options.format ?? defaultFormat;
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    let lastCritic: CriticStepEvent | undefined;
    const subscription = events$.subscribe((event) => {
      if (event.kind === 'critic-step') lastCritic = event;
      if (event.kind === 'evaluation') context.logger.info(formatEvaluation(event));
    });
    subscription.add(
      events$
        .pipe(everyN(this.every))
        .subscribe((event) => context.logger.info(this.format(event, lastCritic))),
    );
    return subscription;
  }
}

function defaultFormat(generator: GeneratorStepEvent, critic: CriticStepEvent | undefined): string {
  const { steps } = generator;
  const metrics = { ...critic?.metrics, ...generator.metrics };
  const parts = [
    critic === undefined ? undefined : `critic loss ${critic.loss.toPrecision(4)}`,
    `generator loss ${generator.loss.toPrecision(4)}`,
    ...Object.entries(metrics).map(([name, value]) => `${name} ${value.toPrecision(4)}`),
  ].filter((part) => part !== undefined);
  return `step ${steps.generator} (critic ${steps.critic}): ${parts.join(', ')}`;
}

function formatEvaluation(event: EvaluationEvent): string {
  const metrics = Object.entries(event.metrics).map(
    ([name, value]) => `${name} ${Number.isInteger(value) ? value : value.toPrecision(4)}`,
  );
  return (
    `evaluation of step ${event.evaluated.generator} (${event.samples} samples, ` +
    `${event.extractor}): ${metrics.join(', ')}`
  );
}
