import type { CheckpointManager } from '../../core/checkpoint/checkpoint-manager.js';
import type { Clock } from '../../core/events/clock.js';
import type { EvaluationEvent, StepCounts } from '../../core/events/training-event.js';
import type { Logger } from '../../core/logger.js';
import type { Optimizer } from '../../core/optim/optimizer.js';
import type { SummaryWriter } from '../../core/summary/summary-writer.js';
import type { GanModel } from '../gan-model.js';
import type { GeneratorAverager } from '../generator-averager.js';
import type { NoiseSampler } from '../noise-sampler.js';
import type { TrainerSettings } from '../trainer-settings.js';
import type { GradientObserver } from './gradient-observer.js';
import type { UpdateGuard } from './update-guard.js';
import type { DeferredWork } from './work-queue.js';

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
