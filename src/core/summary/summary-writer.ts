/**
 * Writes TensorBoard event files: scalars, images, image grids, histograms and text, on every
 * backend. Semantics follow TensorFlow's `tf.summary.create_file_writer` (`max_queue`,
 * `flush_millis`) and TF1's `FileWriter` with `SessionLog.START` on resume.
 */
import { resolve } from 'node:path';
import * as tf from '../backend/tf.js';
import { SummaryError } from './errors.js';
import { EventFile } from './event-file.js';
import { DEFAULT_BUCKET_COUNT, histogramBuckets } from './histogram.js';
import { imageGridPixels, type ImageGridOptions } from './image-grid.js';
import { imageToPng, pngSize, rawToPng, type ImageRange } from './image-encoding.js';
import {
  encodeEvent,
  SessionStatus,
  type EventMessage,
  type SummaryValueMessage,
} from './proto/messages.js';
import { frameRecord } from './record-format.js';
import { ScalarRecordEncoder } from './scalar-record.js';
import { checkTag, histogramValue, imageValue, scalarValue, textValue } from './summary-values.js';
import { WriteQueue } from './write-queue.js';

/** Options of {@link SummaryWriter}. */
export interface SummaryWriterOptions {
  /** Records held in memory before a flush starts; default 10 (TensorFlow's `max_queue`). */
  maxQueue?: number;
  /** Milliseconds between background flushes; default 120000 (TensorFlow's `flush_millis`). */
  flushMillis?: number;
  /**
   * The step a run resumes from after a restore: the writer starts with a `SessionLog` START at
   * this step, and TensorBoard drops the points earlier files of the run hold at or after it.
   * Without it, a writer in a new run folder writes a START at step 0 (the run's beginning),
   * and one in a folder that already has event files writes none.
   */
  resumeFromStep?: number;
}

const openFolders = new Set<string>();

/**
 * Writes one run's summaries to a new event file in `logdir`
 * (`events.out.tfevents.<seconds>.<host>.<n>`), in TensorFlow's record format.
 *
 * Calls queue their record and return at once (image and histogram calls after reading their
 * tensor); one write is in flight at a time, each appending whole records, so a crash leaves at
 * most a truncated last record. Steps must increase per tag, as TensorBoard requires.
 *
 * @example
 * ```ts
 * const writer = new SummaryWriter('runs/wgan', { flushMillis: 10_000 });
 * writer.text('config', '```json\n' + JSON.stringify(config, null, 2) + '\n```', 0);
 * writer.scalar('loss/critic', lossD, step);
 * await writer.imageGrid('samples', fakes, step, { columns: 8, range: [-1, 1] });
 * await writer.close();
 * ```
 */
export class SummaryWriter {
  /** The run folder, resolved. */
  readonly logdir: string;
  /** The event file this writer appends to. */
  readonly path: string;
  private readonly queue: WriteQueue;
  private readonly lastSteps = new Map<string, number>();
  private readonly scalars = new ScalarRecordEncoder();
  private readonly timer: NodeJS.Timeout;
  private closing: Promise<void> | undefined;

  /**
   * Creates the run folder if needed and a new event file in it.
   *
   * @param logdir - the run folder; one writer per folder (several runs side by side in one
   *   parent folder show as several runs).
   * @param options - queue size, flush interval and resume step.
   * @throws SummaryError when another writer of this process has the folder open, or an option
   *   is invalid.
   */
  constructor(logdir: string, options: SummaryWriterOptions = {}) {
    this.logdir = resolve(logdir);
    const maxQueue = positiveInteger(options.maxQueue ?? 10, 'maxQueue');
    const flushMillis = positiveInteger(options.flushMillis ?? 120_000, 'flushMillis');
    if (openFolders.has(this.logdir)) {
      throw new SummaryError(
        `a SummaryWriter already writes to '${this.logdir}'; close it first or share it ` +
          '(TensorBoard expects one writer per run folder).',
      );
    }
    const resumeStep = options.resumeFromStep;
    if (resumeStep !== undefined) checkStep(resumeStep, 'resumeFromStep');
    const file = EventFile.create(this.logdir, (firstOfRun) => {
      const first: EventMessage[] = [
        { wallTime: wallTime(), step: 0, fileVersion: 'brain.Event:2' },
      ];
      // TensorBoard's loader takes a run's first START as the session's beginning and each later
      // one as a restart that drops the points at or after its step; so a run gets a START when
      // it begins and one per resume, and a writer that merely reopens the run gets none.
      if (resumeStep !== undefined) first.push(startEvent(resumeStep));
      else if (firstOfRun) first.push(startEvent(0));
      return Buffer.concat(first.map(frame));
    });
    openFolders.add(this.logdir);
    this.path = file.path;
    this.queue = new WriteQueue(file, maxQueue);
    this.timer = setInterval(() => this.queue.flushInBackground(), flushMillis).unref();
  }

  /**
   * Queues a scalar. NaN and infinities are written as TensorFlow writes them.
   *
   * @param tag - e.g. `loss/critic`.
   * @param value - the value (stored as float32).
   * @param step - the global step; must be above the tag's last step.
   */
  scalar(tag: string, value: number, step: number): void {
    this.checkPoint(tag, step);
    this.queue.push(
      step >= 0
        ? this.scalars.record(tag, value, step, wallTime())
        : frame(summaryEvent(step, scalarValue(tag, value))),
    );
  }

  /**
   * Queues an image: a `[H, W, C]` tensor (C 1, 3 or 4; values in [0, 1] or [-1, 1]) or PNG bytes.
   *
   * @param tag - the tag.
   * @param image - the tensor (not disposed) or PNG bytes.
   * @param step - the global step.
   * @param options - the tensor's value range; default `'auto'` (see {@link ImageRange}).
   * @returns once the image is encoded and queued.
   */
  async image(
    tag: string,
    image: tf.Tensor3D | Uint8Array,
    step: number,
    options: { range?: ImageRange } = {},
  ): Promise<void> {
    this.checkPoint(tag, step);
    const pngRecord = (png: Uint8Array): Buffer =>
      frame(summaryEvent(step, imageValue(tag, pngSize(png), [png])));
    const record =
      image instanceof Uint8Array
        ? Promise.resolve(pngRecord(image))
        : imageToPng(image, options).then(pngRecord);
    await this.queue.pushLater(record);
  }

  /**
   * Queues a grid of a `[N, H, W, C]` batch as one image.
   *
   * @param tag - the tag.
   * @param batch - the images (not disposed).
   * @param step - the global step.
   * @param options - columns, padding and value range.
   * @returns once the grid is encoded and queued.
   */
  async imageGrid(
    tag: string,
    batch: tf.Tensor4D,
    step: number,
    options: ImageGridOptions = {},
  ): Promise<void> {
    this.checkPoint(tag, step);
    const record = imageGridPixels(batch, options).then(async (grid) =>
      frame(summaryEvent(step, imageValue(tag, grid, [await rawToPng(grid)]))),
    );
    await this.queue.pushLater(record);
  }

  /**
   * Queues a histogram of all the values (any shape), in equal-width buckets.
   *
   * @param tag - e.g. `generator/dense/kernel`.
   * @param values - a tensor (not disposed) or numbers; all finite.
   * @param step - the global step.
   * @param options - the number of buckets; default 30.
   * @returns once the histogram is computed and queued.
   */
  async histogram(
    tag: string,
    values: tf.Tensor | ArrayLike<number>,
    step: number,
    options: { buckets?: number } = {},
  ): Promise<void> {
    this.checkPoint(tag, step);
    const buckets = options.buckets ?? DEFAULT_BUCKET_COUNT;
    const data = values instanceof tf.Tensor ? values.data() : Promise.resolve(values);
    const record = data.then((numbers) =>
      frame(summaryEvent(step, histogramValue(tag, histogramBuckets(numbers, buckets, tag)))),
    );
    await this.queue.pushLater(record);
  }

  /**
   * Queues a text summary; TensorBoard renders it as markdown.
   *
   * @param tag - the tag.
   * @param markdown - the text.
   * @param step - the global step.
   */
  text(tag: string, markdown: string, step: number): void {
    this.checkPoint(tag, step);
    this.queue.push(frame(summaryEvent(step, textValue(tag, markdown))));
  }

  /**
   * Writes everything queued so far.
   *
   * @returns once it is in the file (handed to the operating system, not fsync'd).
   * @throws the error of a failed write, including a background one.
   */
  async flush(): Promise<void> {
    await this.queue.flush();
  }

  /**
   * Flushes and closes the file; later calls resolve the same way, and writing after it throws.
   *
   * @returns once everything queued is written and the file is closed.
   */
  close(): Promise<void> {
    this.closing ??= this.finish();
    return this.closing;
  }

  private async finish(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.queue.close();
    } finally {
      openFolders.delete(this.logdir);
    }
  }

  private checkPoint(tag: string, step: number): void {
    if (this.closing !== undefined) {
      throw new SummaryError(`summary '${tag}': the writer of '${this.logdir}' is closed.`);
    }
    checkTag(tag);
    checkStep(step, `step of '${tag}'`);
    const last = this.lastSteps.get(tag);
    if (last !== undefined && step <= last) {
      throw new SummaryError(
        `summary '${tag}' at step ${step}: the tag was last written at step ${last}, and ` +
          'TensorBoard drops points whose step does not increase; log each tag once per step.',
      );
    }
    this.lastSteps.set(tag, step);
  }
}

function wallTime(): number {
  return Date.now() / 1000;
}

function frame(event: EventMessage): Buffer {
  return frameRecord(encodeEvent(event));
}

function summaryEvent(step: number, value: SummaryValueMessage): EventMessage {
  return { wallTime: wallTime(), step, summary: { value: [value] } };
}

function startEvent(step: number): EventMessage {
  return { wallTime: wallTime(), step, sessionLog: { status: SessionStatus.START } };
}

function checkStep(step: number, what: string): number {
  if (!Number.isSafeInteger(step)) {
    throw new SummaryError(`${what} must be an integer (an int64 global step), got ${step}.`);
  }
  return step;
}

function positiveInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new SummaryError(
      `SummaryWriter option ${what} must be a positive integer, got ${value}.`,
    );
  }
  return value;
}
