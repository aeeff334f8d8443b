import type { Observable, Subscription } from 'rxjs';
import type { TrainingEvent } from '../../core/events/training-event.js';
import type { TrainingContext } from './training-context.js';

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
