import { Subscription, type Observable } from 'rxjs';
import type { TrainingEvent } from '../core/events/training-event.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';

/** Options of {@link NanGuardHook}. */
export interface NanGuardOptions {
  /** `stop` (default): stop the run; `skip`: drop the update and go on. */
  mode?: 'stop' | 'skip';
  /** In `skip` mode, stop after this many non-finite losses in a row; default 10. */
  maxConsecutiveSkips?: number;
}

/**
 * Watches every loss before its update is applied (semantics follow TF's
 * `tf.train.NanTensorHook`, Ignite's `TerminateOnNan`). A NaN or infinite loss never reaches the
 * weights: the update is refused; in `stop` mode training then stops without a final
 * checkpoint, so the last good one is kept; in `skip` mode training goes on, up to
 * `maxConsecutiveSkips` bad losses in a row of the same network.
 */
export class NanGuardHook implements Hook {
  readonly name = 'NanGuardHook';
  private readonly mode: 'stop' | 'skip';
  private readonly maxSkips: number;

  /** @param options - the mode and the skip limit. */
  constructor(options: NanGuardOptions = {}) {
    this.mode = options.mode ?? 'stop';
    this.maxSkips = options.maxConsecutiveSkips ?? 10;
  }

  subscribe(_events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    // Counted per network: the other network's healthy losses do not reset the count.
    const inARow = { critic: 0, generator: 0 };
    context.addUpdateGuard(({ step, loss, steps }) => {
      if (Number.isFinite(loss)) {
        inARow[step] = 0;
        return true;
      }
      const skipsInARow = (inARow[step] += 1);
      const where = `the ${step} loss is ${loss} at global_step/${step} ${steps[step]}`;
      if (this.mode === 'stop' || skipsInARow > this.maxSkips) {
        const why = this.mode === 'stop' ? '' : ` (${skipsInARow} in a row)`;
        context.requestStop(`non-finite loss: ${where}${why}; the last good checkpoint is kept`, {
          saveCheckpoint: false,
        });
      } else {
        context.logger.warn(`NanGuardHook: ${where}; update skipped`);
      }
      return false;
    });
    // The guard is the whole hook; it lives as long as the run's guards do.
    return new Subscription();
  }
}
