/** Work a hook hands over: a promise already running, or a function that starts it. */
export type DeferredWork = Promise<unknown> | (() => Promise<unknown>);

/**
 * Asynchronous hook work (file writes) that must finish before training reports its end.
 * `Subject.next` does not await what subscribers start, so hooks queue their promises here
 * and the trainer awaits {@link WorkQueue.settle} before `end`. A rejection is reported once
 * through `onError`, as soon as it happens.
 */
export class WorkQueue {
  private readonly pending = new Set<Promise<void>>();

  /** @param onError - told about each failed piece of work. */
  constructor(private readonly onError: (error: unknown) => void) {}

  /**
   * Queues work; returns at once.
   *
   * @param work - a promise, or a function returning one (called now).
   */
  add(work: DeferredWork): void {
    let started: Promise<unknown>;
    try {
      started = typeof work === 'function' ? work() : work;
    } catch (error) {
      this.onError(error);
      return;
    }
    const tracked = Promise.resolve(started).then(
      () => undefined,
      (error: unknown) => this.onError(error),
    );
    this.pending.add(tracked);
    void tracked.finally(() => this.pending.delete(tracked));
  }

  /** How many pieces of work are still running. */
  get size(): number {
    return this.pending.size;
  }

  /**
   * Resolves when all queued work has finished, including work queued while waiting.
   *
   * @returns a promise that never rejects (failures went to `onError`).
   */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
