/**
 * The records a writer has not yet written, and the one write in flight. Records keep the order
 * they were queued in, even when some (images, histograms) are still being encoded.
 */
import type { EventFile } from './event-file.js';

/** A queue of framed records in front of an {@link EventFile}. */
export class WriteQueue {
  private pending: Array<Buffer | Promise<Buffer | null>> = [];
  private tail: Promise<void> = Promise.resolve();
  private flushQueued = false;
  private backgroundFailure: unknown;

  /**
   * @param file - where the records go.
   * @param maxQueue - how many records start a background flush.
   */
  constructor(
    private readonly file: EventFile,
    private readonly maxQueue: number,
  ) {}

  /**
   * Queues a framed record.
   *
   * @param record - the record.
   */
  push(record: Buffer): void {
    this.pending.push(record);
    this.flushWhenFull();
  }

  /**
   * Queues a record that is still being produced; its place in the file is taken now.
   *
   * @param record - the record to come; if it fails, nothing is written in its place.
   * @returns once the record is produced; rejects with its failure.
   */
  async pushLater(record: Promise<Buffer>): Promise<void> {
    this.pending.push(record.catch(() => null));
    this.flushWhenFull();
    await record;
  }

  /**
   * Writes everything queued so far, after the write in flight.
   *
   * @returns once written; rejects with this write's failure or an earlier background one.
   */
  flush(): Promise<void> {
    const run = this.tail.then(() => this.drain());
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** Flushes without waiting; a failure is reported by the next {@link flush}. */
  flushInBackground(): void {
    this.flush().catch((error: unknown) => {
      this.backgroundFailure ??= error;
    });
  }

  /**
   * Flushes, then closes the file.
   *
   * @returns once everything is written and the file closed.
   */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.tail;
      this.file.close();
    }
  }

  private flushWhenFull(): void {
    if (this.flushQueued || this.pending.length < this.maxQueue) return;
    this.flushQueued = true;
    this.flushInBackground();
  }

  private async drain(): Promise<void> {
    this.flushQueued = false;
    const entries = this.pending;
    this.pending = [];
    const records = (await Promise.all(entries)).filter((r): r is Buffer => r !== null);
    if (records.length > 0) await this.file.append(Buffer.concat(records));
    if (this.backgroundFailure !== undefined) {
      const failure = this.backgroundFailure;
      this.backgroundFailure = undefined;
      throw failure;
    }
  }
}
