import type { Observable, Subscription } from 'rxjs';
import type * as tf from '../core/backend/tf.js';
import type { CheckpointManager } from '../core/checkpoint/checkpoint-manager.js';
import type { Clock } from '../core/events/clock.js';
import type {
  EvaluationEvent,
  StepCounts,
  StepName,
  TrainingEvent,
} from '../core/events/training-event.js';
import type { DeferredWork } from '../core/events/work-queue.js';
import type { Logger } from '../core/logger.js';
import type { Optimizer } from '../core/optim/optimizer.js';
import type { SummaryWriter } from '../core/summary/summary-writer.js';
import type { GanModel } from './gan-model.js';
import type { NoiseSampler } from './noise-sampler.js';
import type { GeneratorAverager } from './generator-averager.js';
import type { TrainerSettings } from './trainer-settings.js';

/** An update about to be applied, as an {@link UpdateGuard} sees it. */
export interface ProposedUpdate {
  readonly step: StepName;
  /** The update's loss, read from the device before applying. */
  readonly loss: number;
  /** The global steps before the update. */
  readonly steps: StepCounts;
}

/** Returns false to skip an update: no weights, slots or global step change. */
export type UpdateGuard = (update: ProposedUpdate) => boolean;

/** An update just applied, with its gradients, as a {@link GradientObserver} sees it. */
export interface AppliedGradients {
  readonly step: StepName;
  /** The global steps after the update: `steps[step]` counts it. */
  readonly steps: StepCounts;
  /**
   * Each updated variable with the gradient it was updated from (after `gradientClipNorm`
   * clipping, averaged across replicas). The tensors are freed when the observer returns:
   * `tf.clone` one to keep it.
   */
  readonly gradsAndVars: readonly (readonly [tf.Tensor, tf.Variable])[];
}

/** Sees the gradients of every applied update; skipped updates have none. */
export type GradientObserver = (applied: AppliedGradients) => void;

/** Options of {@link TrainingContext.requestStop}. */
export interface StopOptions {
  /** False when the weights are suspect, so hooks keep the last good checkpoint; default true. */
  saveCheckpoint?: boolean;
}

/**
 * What a hook may see and do besides reading events: the run's state (read-only), a way to
 * stop it, and a queue for asynchronous work the trainer awaits before it reports `end`.
 */
export interface TrainingContext {
  /** The hook's own name, as used in error messages. */
  readonly hookName: string;
  /** Both global steps, read live. */
  readonly steps: StepCounts;
  readonly settings: TrainerSettings;
  readonly generator: GanModel;
  readonly critic: GanModel;
  readonly optimizers: { readonly critic: Optimizer; readonly generator: Optimizer };
  readonly noise: NoiseSampler;
  /** The moving average of the generator's weights, when the run keeps one (`emaDecay`). */
  readonly generatorAverage: GeneratorAverager | undefined;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * The run's TensorBoard writer in `settings.logdir`, opened on first call (at the steps the
   * run starts from, so a resumed run's writer carries `resumeFromStep`); the trainer flushes
   * and closes it however the run ends. Hooks write critic values at `steps.critic` and
   * generator values at `steps.generator`, each tag at most once per step.
   *
   * @returns the writer.
   * @throws Error when the trainer was built without a writer (`TOKENS.SummaryWriter`).
   */
  summaryWriter(): SummaryWriter;
  /**
   * The run's checkpoint manager (`<logdir>/checkpoints` by default), whose source is the run's
   * whole state: what a checkpoint hook saves with `save(context.steps)`.
   *
   * @returns the manager.
   * @throws Error when the trainer was built without one (`TOKENS.CheckpointManager`).
   */
  checkpointManager(): CheckpointManager;
  /**
   * Asks for a graceful stop at the next iteration boundary; emits `stop-requested` once.
   *
   * @param reason - why, in words (appears in `end` and the run's result).
   * @param options - whether a final checkpoint should still be saved.
   */
  requestStop(reason: string, options?: StopOptions): void;
  /**
   * Queues asynchronous work (a file write); the trainer awaits it before `end` resolves,
   * and a rejection ends the run with an `error` event naming this hook.
   *
   * @param work - a promise, or a function starting one.
   */
  defer(work: DeferredWork): void;
  /**
   * Registers a check run before every update, with the update's loss (already read from the
   * device, so a guard costs no extra sync).
   *
   * @param guard - returns false to skip the update.
   */
  addUpdateGuard(guard: UpdateGuard): void;
  /**
   * Registers a function called after every applied update with the gradients it used, before
   * they are freed: step events carry numbers only, so this is how a hook sees gradients
   * (gradient histograms).
   *
   * @param observer - sees each update's gradients; what it throws fails this hook.
   */
  observeGradients(observer: GradientObserver): void;
  /**
   * Emits `checkpoint-saved` (for the hook that wrote a checkpoint).
   *
   * @param path - where the checkpoint was written.
   */
  announceCheckpoint(path: string): void;
  /**
   * Emits `evaluation` (for the hook that scored the generator), stamped with the steps now.
   *
   * @param evaluation - the scores and the steps whose weights were scored.
   */
  announceEvaluation(evaluation: Omit<EvaluationEvent, 'kind' | 'steps' | 'time'>): void;
}

/**
 * A hook: TensorFlow's `SessionRunHook`, as a subscriber of the event stream. Hooks are
 * multi-bound to `TOKENS.Hook`; a plugin is an `@injectable()` class (use `@inject(TOKEN)` on
 * constructor parameters) or an instance bound as a constant.
 *
 * @example
 * ```ts
 * @injectable()
 * class PrintLoss implements Hook {
 *   subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
 *     return events$.pipe(everyN(100)).subscribe((e) => context.logger.info(`loss ${e.loss}`));
 *   }
 * }
 * ```
 */
export interface Hook {
  /** Used in messages; default the class name. */
  readonly name?: string;
  /**
   * True for a hook that writes files or the console (checkpoints, summaries, image grids,
   * progress): in a run with replicas, only the chief (rank 0) attaches it. Hooks that steer
   * training (stop-at-step, NaN guard, learning-rate schedules) leave it unset and run on
   * every replica, which see the same averaged losses and so decide alike.
   */
  readonly chiefOnly?: boolean;
  /**
   * Attaches the hook for one run. The stream is synchronous: handlers run during training
   * and must not block; queue slow work with `context.defer`. What a handler throws ends the
   * run with an `error` event naming the hook.
   *
   * @param events$ - this run's events, from `begin` on.
   * @param context - the run's state and controls.
   * @returns the subscription the trainer ends after the run.
   */
  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription;
}

/**
 * The name a hook goes by in messages.
 *
 * @param hook - any hook.
 * @returns its `name`, else its class name.
 */
export function hookName(hook: Hook): string {
  return hook.name ?? hook.constructor.name;
}
