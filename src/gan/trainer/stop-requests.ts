import type { Announce } from './unstamped-event.js';
import type { StopOptions } from '../hooks-runtime/training-context.js';

/** A stop asked for and not yet acted on: the loop ends at the next iteration boundary. */
export interface PendingStop {
  readonly reason: string;
  readonly saveCheckpoint: boolean;
}

/**
 * The stop protocol of one run: the first request wins and is announced once as
 * `stop-requested`; later ones are ignored. The loop reads {@link StopRequests.pending} at each
 * iteration boundary and for `end`. The trainer forwards requests only while it runs.
 */
export class StopRequests {
  private current: PendingStop | undefined;

  /**
   * @param announce - emits the `stop-requested` event (the trainer stamps it with steps and
   *   time).
   */
  constructor(private readonly announce: Announce) {}

  /** The stop requested in this run, if any. */
  get pending(): PendingStop | undefined {
    return this.current;
  }

  /** Forgets the last run's request, for a new run. */
  reset(): void {
    this.current = undefined;
  }

  /**
   * Records a stop request and announces it, unless one is already pending.
   *
   * @param reason - why, in words.
   * @param source - who asks (`trainer`, `signal`, `replica <r>` or a hook's name).
   * @param options - whether a final checkpoint should be saved (default true).
   */
  request(reason: string, source: string, options: StopOptions = {}): void {
    if (this.current !== undefined) return;
    this.current = { reason, saveCheckpoint: options.saveCheckpoint ?? true };
    this.announce({
      kind: 'stop-requested',
      reason,
      source,
      saveCheckpoint: this.current.saveCheckpoint,
    });
  }
}
