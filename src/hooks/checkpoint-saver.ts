import type { Observable, Subscription } from 'rxjs';
import type { CheckpointManager } from '../core/checkpoint/checkpoint-manager.js';
import type { StepCounts, TrainingEvent } from '../core/events/training-event.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';
import { checkPeriod } from '../gan/hooks-runtime/check-period.js';

/** Options of {@link CheckpointSaverHook}; at least one of the periods, or `saveAtEnd` alone. */
export interface CheckpointSaverOptions {
  /** Save every this many generator steps; default 0 (never by steps). */
  everyNSteps?: number;
  /** Save when this many seconds (by the run's clock) have passed since the last save; default 0. */
  everySeconds?: number;
  /** Save when training ends, unless `end` says the weights are suspect; default true. */
  saveAtEnd?: boolean;
}

/**
 * Saves the whole run state (see `RunState`) through `context.checkpointManager()` (semantics
 * follow TF's `tf.train.CheckpointSaverHook`): every `everyNSteps` generator steps and/or every
 * `everySeconds` seconds, and at `end` when the event's `saveCheckpoint` is true — a NaN guard
 * stops with it false, so the last good checkpoint stays the latest. Saves happen only after a
 * generator update, the end of an iteration, so a resumed run repeats no update and skips none;
 * the step already saved is not saved again at `end`.
 *
 * The values are copied synchronously on the event; the file is written in the background
 * (`context.defer`, awaited before the run resolves), then announced as `checkpoint-saved`.
 * With replicas, only the chief saves (`chiefOnly`).
 *
 * @example
 * ```ts
 * createTrainer({ ...config, logdir: 'runs/wgan', hooks: [new CheckpointSaverHook({ everyNSteps: 500 })] });
 * // a second run with the same logdir resumes from runs/wgan/checkpoints
 * ```
 */
export class CheckpointSaverHook implements Hook {
  readonly name = 'CheckpointSaverHook';
  readonly chiefOnly = true;
  private readonly everyNSteps: number;
  private readonly everyMs: number;

  /**
   * @param options - when to save.
   * @throws RangeError when a period is negative or not an integer (steps), or nothing would
   *   ever be saved.
   */
  constructor(private readonly options: CheckpointSaverOptions = {}) {
    this.everyNSteps = checkPeriod(options.everyNSteps ?? 0, 'everyNSteps', this.name, {
      allowZero: true,
    });
    const seconds = options.everySeconds ?? 0;
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new RangeError(`${this.name}: everySeconds must be a number ≥ 0, got ${seconds}`);
    }
    this.everyMs = seconds * 1000;
    if (this.everyNSteps === 0 && this.everyMs === 0 && options.saveAtEnd === false) {
      throw new RangeError(
        `${this.name}: with everyNSteps 0, everySeconds 0 and saveAtEnd false it never saves; ` +
          'set a period or leave saveAtEnd on',
      );
    }
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    let manager: CheckpointManager | undefined;
    let lastSaved = -1;
    let lastTime = 0;
    const save = (steps: StepCounts, time: number): void => {
      manager ??= context.checkpointManager();
      lastSaved = steps.generator;
      lastTime = time;
      // save() takes its snapshot now, before training moves on; only the write is deferred.
      const written = manager.save({ critic: steps.critic, generator: steps.generator });
      context.defer(written.then((saved) => context.announceCheckpoint(saved.path)));
    };
    return events$.subscribe((event) => {
      if (event.kind === 'begin') {
        lastSaved = event.steps.generator;
        lastTime = event.time;
      } else if (event.kind === 'generator-step' && !event.skipped) {
        if (this.isDue(event.steps.generator, event.time - lastTime)) save(event.steps, event.time);
      } else if (event.kind === 'end') {
        const wanted = this.options.saveAtEnd !== false && event.saveCheckpoint;
        if (wanted && event.steps.generator !== lastSaved) save(event.steps, event.time);
      }
    });
  }

  private isDue(step: number, elapsedMs: number): boolean {
    if (this.everyNSteps > 0 && step % this.everyNSteps === 0) return true;
    return this.everyMs > 0 && elapsedMs >= this.everyMs;
  }
}
