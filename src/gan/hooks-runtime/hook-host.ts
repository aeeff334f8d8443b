import type { Observable, Subscription } from 'rxjs';
import type { TrainingEvent } from '../../core/events/training-event.js';
import type { GradientObserver } from './gradient-observer.js';
import { guardedStream } from './guarded-stream.js';
import { hookName, type Hook } from './hook.js';
import { HookError } from './hook-error.js';
import type { StopOptions, TrainingContext } from './training-context.js';
import type { UpdateGuard } from './update-guard.js';
import { WorkQueue, type DeferredWork } from './work-queue.js';

/** What the trainer lends each hook's context; the host adds the per-hook parts. */
export type SharedContext = Omit<
  TrainingContext,
  'hookName' | 'defer' | 'addUpdateGuard' | 'observeGradients' | 'requestStop'
> & {
  requestStop(reason: string, options: StopOptions | undefined, source: string): void;
};

/**
 * Attaches the hooks for one run: each gets its own guarded view of the event stream, its own
 * work queue and a context naming it, so whatever fails (a handler throwing, deferred work
 * rejecting) is recorded as a {@link HookError} naming that hook. The first failure wins; the
 * failing hook is detached at once so it cannot fail again.
 */
export class HookHost {
  /** The first hook failure, if any. */
  failure: HookError | undefined;
  readonly guards: UpdateGuard[] = [];
  readonly gradientObservers: GradientObserver[] = [];
  private readonly attached: { subscription?: Subscription; queue: WorkQueue }[] = [];

  /**
   * @param events$ - the trainer's event stream.
   * @param hooks - the run's hooks, attached in order.
   * @param shared - the context every hook sees.
   */
  constructor(events$: Observable<TrainingEvent>, hooks: readonly Hook[], shared: SharedContext) {
    for (const hook of hooks) this.attach(events$, hook, shared);
  }

  /** Resolves when every hook's queued work has finished (failures are recorded, not thrown). */
  async settle(): Promise<void> {
    await Promise.all(this.attached.map(({ queue }) => queue.settle()));
  }

  /** Ends every hook's subscription. */
  detach(): void {
    for (const entry of this.attached) entry.subscription?.unsubscribe();
  }

  private attach(events$: Observable<TrainingEvent>, hook: Hook, shared: SharedContext): void {
    const name = hookName(hook);
    const entry: { subscription?: Subscription; queue: WorkQueue } = {
      queue: new WorkQueue((error) => fail(error)),
    };
    const fail = (error: unknown): void => {
      this.failure ??= new HookError(name, error);
      entry.subscription?.unsubscribe();
    };
    const context: TrainingContext = Object.freeze({
      ...shared,
      get steps() {
        return shared.steps;
      },
      hookName: name,
      requestStop: (reason: string, options?: StopOptions) =>
        shared.requestStop(reason, options, name),
      defer: (work: DeferredWork) => entry.queue.add(work),
      addUpdateGuard: (guard: UpdateGuard) => {
        this.guards.push((update) => {
          try {
            return guard(update);
          } catch (error) {
            fail(error);
            return true;
          }
        });
      },
      observeGradients: (observer: GradientObserver) => {
        this.gradientObservers.push((applied) => {
          try {
            observer(applied);
          } catch (error) {
            fail(error);
          }
        });
      },
    });
    this.attached.push(entry);
    try {
      entry.subscription = hook.subscribe(guardedStream(events$, fail), context);
    } catch (error) {
      fail(error);
    }
  }
}
