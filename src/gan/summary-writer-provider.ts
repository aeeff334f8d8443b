import type { StepCounts } from '../core/events/training-event.js';
import { SummaryWriter, type SummaryWriterOptions } from '../core/summary/summary-writer.js';

/** Options of {@link SummaryWriterProvider}: the writer's, less the resume step it works out. */
export type SummaryWriterProviderOptions = Omit<SummaryWriterOptions, 'resumeFromStep'>;

/** Builds a writer; the default is `new SummaryWriter(logdir, options)`. */
export type SummaryWriterFactory = (logdir: string, options: SummaryWriterOptions) => SummaryWriter;

/**
 * The run's {@link SummaryWriter}, opened on first use rather than when the trainer is built, so
 * that it starts at the steps the run really starts from: a run restored from a checkpoint at
 * step N (restore before `run()`) gets a writer with `resumeFromStep`, whose `SessionLog` START
 * makes TensorBoard drop the points the crashed run wrote after its last checkpoint. The trainer
 * closes it on every way a run ends; the next use opens a new event file.
 *
 * The resume step is the larger of the two global steps (the critic's, since it advances
 * `nCritic` times per iteration): TensorBoard's START purges every tag at or after its step, so
 * the critic's step drops exactly the critic's orphaned points and keeps its good ones, and the
 * generator's orphans are dropped per tag when their steps are written again.
 *
 * Bound to `TOKENS.SummaryWriter` by `createTrainer`; hooks reach it as
 * `context.summaryWriter()`.
 *
 * @example
 * ```ts
 * const summaries = new SummaryWriterProvider('runs/wgan', () => trainer.steps);
 * summaries.get().scalar('critic/loss', 0.5, 10); // opens the file now
 * await summaries.close();
 * ```
 */
export class SummaryWriterProvider {
  private writer: SummaryWriter | undefined;

  /**
   * @param logdir - the run folder.
   * @param readSteps - the global steps now; read when the writer opens.
   * @param options - queue size and flush interval.
   * @param create - builds the writer (a test may count or fail it).
   */
  constructor(
    readonly logdir: string,
    private readonly readSteps: () => StepCounts,
    private readonly options: SummaryWriterProviderOptions = {},
    private readonly create: SummaryWriterFactory = (dir, opts) => new SummaryWriter(dir, opts),
  ) {}

  /** Whether a writer is open. */
  get isOpen(): boolean {
    return this.writer !== undefined;
  }

  /**
   * The open writer, opening it first when none is: with `resumeFromStep` when the run's steps
   * are past zero.
   *
   * @returns the writer.
   * @throws SummaryError when another writer of this process has the folder open.
   */
  get(): SummaryWriter {
    if (this.writer === undefined) {
      const { critic, generator } = this.readSteps();
      const start = Math.max(critic, generator);
      this.writer = this.create(this.logdir, {
        ...this.options,
        ...(start > 0 ? { resumeFromStep: start } : {}),
      });
    }
    return this.writer;
  }

  /**
   * Flushes and closes the open writer, if any; the next {@link get} opens a new file.
   *
   * @returns once the file is closed.
   * @throws the writer's write failure, if a queued write failed.
   */
  async close(): Promise<void> {
    const writer = this.writer;
    this.writer = undefined;
    await writer?.close();
  }
}
