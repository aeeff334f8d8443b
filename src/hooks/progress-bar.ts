import { SingleBar } from 'cli-progress';
import { Subscription, type Observable } from 'rxjs';
import type { Clock } from '../core/events/clock.js';
import { isUpdateOf } from '../core/events/every-n.js';
import type {
  CriticStepEvent,
  EvaluationEvent,
  GeneratorStepEvent,
  TrainingEvent,
} from '../core/events/training-event.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';
import { checkPeriod } from '../gan/hooks-runtime/check-period.js';

/** Where a progress bar draws: a terminal stream (`process.stderr`) or a stand-in for one. */
export interface ProgressStream {
  write(chunk: string): boolean;
  /** True for a terminal; the bar stays quiet otherwise. */
  readonly isTTY?: boolean;
  /** The terminal's width in characters. */
  readonly columns?: number;
}

/** Options of {@link ProgressBarHook}. */
export interface ProgressBarOptions {
  /** The generator step the bar runs to; default `settings.steps`; without one, no bar or ETA. */
  total?: number;
  /** Where to draw; default `process.stderr`. */
  stream?: ProgressStream;
  /** The environment, read for `CI`; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Redraws per second at most; default 10. */
  fps?: number;
}

/** Generator steps the speed is averaged over. */
const RATE_WINDOW = 20;

/**
 * A terminal progress bar (drawn by `cli-progress`) showing the generator step, the last critic
 * and generator losses, the latest evaluation's headline metric (its `primary`, with the step it
 * scored), steps per second and the time left, measured on the injected clock
 * over the last {@link RATE_WINDOW} generator steps. Quiet when the stream is not a terminal or
 * the `CI` environment variable is set, so logs stay clean; use `LoggingHook` there.
 *
 * @example
 * ```ts
 * createTrainer({ ...config, steps: 1000, hooks: [new ProgressBarHook()] });
 * // ███████░░░ 70% | step 700/1000 | critic -0.0412 | generator 0.1523 | 41.2 steps/s | ETA 0:07
 * ```
 */
export class ProgressBarHook implements Hook {
  readonly name = 'ProgressBarHook';
  /** Writes files or the terminal: in a run with replicas, only the chief attaches it. */
  readonly chiefOnly = true;

  /**
   * @param options - total, stream, environment and redraw rate.
   * @throws RangeError when `total` or `fps` is not a positive integer.
   */
  constructor(private readonly options: ProgressBarOptions = {}) {
    if (options.total !== undefined) checkPeriod(options.total, 'total', this.name);
    if (options.fps !== undefined) checkPeriod(options.fps, 'fps', this.name);
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    const stream = this.options.stream ?? process.stderr;
    if (stream.isTTY !== true || isCi(this.options.env ?? process.env)) return new Subscription();
    const total = this.options.total ?? context.settings.steps;
    const bar = new SingleBar({
      // cli-progress types the stream as a full WritableStream but only writes to it.
      stream: stream as NodeJS.WritableStream,
      format: total === undefined ? 'step {value} | {status}' : FORMAT_WITH_TOTAL,
      fps: this.options.fps ?? 10,
      hideCursor: true,
      barCompleteChar: '█',
      barIncompleteChar: '░',
    });
    const rate = new StepRate(context.clock);
    let lastCritic: CriticStepEvent | undefined;
    let lastEvaluation: EvaluationEvent | undefined;
    const subscription = events$.subscribe((event) => {
      if (event.kind === 'begin') {
        rate.mark(event.steps.generator);
        bar.start(total ?? 0, event.steps.generator, { status: 'starting', timeLeft: '-' });
      } else if (isUpdateOf(event, 'critic')) {
        lastCritic = event;
      } else if (event.kind === 'evaluation') {
        lastEvaluation = event;
      } else if (event.kind === 'generator-step') {
        const step = event.steps.generator;
        const perSecond = rate.mark(step);
        bar.update(step, {
          status: status(lastCritic, event, perSecond, lastEvaluation),
          timeLeft: timeLeft(total === undefined ? 0 : total - step, perSecond),
        });
      } else if (event.kind === 'end' || event.kind === 'error') {
        bar.stop();
      }
    });
    subscription.add(() => bar.stop());
    return subscription;
  }
}

const FORMAT_WITH_TOTAL = '{bar} {percentage}% | step {value}/{total} | {status} | ETA {timeLeft}';

/**
 * The losses, the latest evaluation's headline metric and the speed, e.g.
 * `critic -0.04120 | generator 0.1523 | frechet_distance 12.31 @500 | 41.2 steps/s`.
 */
function status(
  critic: CriticStepEvent | undefined,
  generator: GeneratorStepEvent,
  perSecond: number | undefined,
  evaluation: EvaluationEvent | undefined,
): string {
  const metric = evaluation?.primary.metric;
  const value = metric === undefined ? undefined : evaluation?.metrics[metric];
  const parts = [
    critic === undefined ? undefined : `critic ${critic.loss.toPrecision(4)}`,
    `generator ${generator.loss.toPrecision(4)}`,
    value === undefined
      ? undefined
      : `${metric} ${value.toPrecision(4)} @${evaluation!.evaluated.generator}`,
    perSecond === undefined ? undefined : `${perSecond.toPrecision(3)} steps/s`,
  ];
  return parts.filter((part) => part !== undefined).join(' | ');
}

/** The time the remaining steps take at the current speed; `-` until the speed is known. */
function timeLeft(steps: number, perSecond: number | undefined): string {
  if (steps <= 0) return '0:00';
  return perSecond === undefined ? '-' : formatDuration(steps / perSecond);
}

/** Steps per second over a sliding window of (step, time) marks. */
class StepRate {
  private readonly marks: { step: number; time: number }[] = [];

  constructor(private readonly clock: Clock) {}

  /**
   * Records a step now.
   *
   * @returns the rate over the window, or undefined until time and steps have moved.
   */
  mark(step: number): number | undefined {
    const now = { step, time: this.clock.now() };
    this.marks.push(now);
    if (this.marks.length > RATE_WINDOW + 1) this.marks.shift();
    const first = this.marks[0]!;
    if (now.time <= first.time || now.step <= first.step) return undefined;
    return ((now.step - first.step) * 1000) / (now.time - first.time);
  }
}

/**
 * Whether the environment is a CI job: `CI` set to anything but empty, `0` or `false`.
 *
 * @param env - the environment variables.
 * @returns true under CI.
 */
function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/**
 * Formats seconds as `m:ss` or `h:mm:ss`.
 *
 * @param seconds - a duration.
 * @returns the text.
 */
function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
