/**
 * One append-only event file: named so that it sorts after every event file already in its run
 * folder, created with its `file_version` record already on disk, and appended to one complete
 * buffer of records at a time.
 */
import { closeSync, mkdirSync, openSync, readdirSync, write, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { SummaryError } from './errors.js';

const writeAsync = promisify(write);
const EVENT_FILE_PREFIX = 'events.out.tfevents.';

/**
 * Whether a file name is an event file's (TensorBoard's test: the name contains `tfevents`).
 *
 * @param name - a file name.
 * @returns true for event files.
 */
export function isEventFileName(name: string): boolean {
  return name.includes('tfevents');
}

/**
 * Chooses the name of a new event file in a run folder:
 * `events.out.tfevents.<10-digit seconds>.<host>.<sequence>`. Readers take a run's files in
 * lexicographic order, so the name must sort after the files already there, even when a resumed
 * run starts within the same second as the crashed one: the seconds never go below the newest
 * existing file's, and the three-digit sequence counts the files before it.
 *
 * @param existing - names of the event files already in the folder.
 * @param nowMillis - the current time.
 * @param host - the host name.
 * @returns the new file's name.
 */
export function eventFileName(
  existing: readonly string[],
  nowMillis: number,
  host: string,
): string {
  const newestSeconds = existing
    .map((name) => Number(name.slice(EVENT_FILE_PREFIX.length).split('.')[0]))
    .filter(Number.isFinite)
    .reduce((a, b) => Math.max(a, b), 0);
  const seconds = Math.max(Math.floor(nowMillis / 1000), newestSeconds);
  const safeHost = host.replace(/[^A-Za-z0-9_-]/g, '_') || 'localhost';
  const sequence = String(existing.length).padStart(3, '0');
  return `${EVENT_FILE_PREFIX}${String(seconds).padStart(10, '0')}.${safeHost}.${sequence}`;
}

/** An open event file that only grows, by whole records. */
export class EventFile {
  private constructor(
    /** The file's path. */
    readonly path: string,
    private readonly fd: number,
  ) {}

  /**
   * Creates a new event file in `dir` (creating the folder) and writes its first records
   * synchronously, so that the file is valid from the moment it exists.
   *
   * @param dir - the run folder.
   * @param firstRecords - the framed records to start the file with, given whether this is the
   *   run's first event file.
   * @returns the open file.
   * @throws SummaryError when the folder's own name contains `tfevents`.
   */
  static create(dir: string, firstRecords: (firstOfRun: boolean) => Buffer): EventFile {
    if (isEventFileName(basename(dir))) {
      throw new SummaryError(
        `summary logdir '${dir}': a folder whose name contains 'tfevents' confuses ` +
          "TensorBoard's loader; choose another name.",
      );
    }
    mkdirSync(dir, { recursive: true });
    const existing = readdirSync(dir).filter(isEventFileName).sort();
    const path = join(dir, eventFileName(existing, Date.now(), hostname()));
    const records = firstRecords(existing.length === 0);
    const fd = openSync(path, 'wx');
    for (let offset = 0; offset < records.length;) {
      offset += writeSync(fd, records, offset);
    }
    return new EventFile(path, fd);
  }

  /**
   * Appends bytes, retrying until all are written (a write may be partial).
   *
   * @param bytes - complete records.
   */
  async append(bytes: Buffer): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await writeAsync(this.fd, bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  }

  /** Closes the file; no append may follow. */
  close(): void {
    closeSync(this.fd);
  }
}
