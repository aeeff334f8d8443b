/**
 * Reads event files back, verifying every record's CRCs: TensorFlow's `summary_iterator`, for a
 * file or a whole run folder.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EventFileCorruptionError } from './errors.js';
import { isEventFileName } from './event-file.js';
import { decodeEvent, type EventMessage } from './proto/messages.js';
import { parseRecord } from './record-format.js';

/**
 * Iterates over the events of an event file, or of every event file in a run folder in the
 * order TensorBoard reads them (by name). A truncated last record, which a crash mid-write
 * leaves, ends a file quietly, as in TensorBoard.
 *
 * @example
 * ```ts
 * for await (const event of readEvents('runs/wgan')) {
 *   for (const value of event.summary?.value ?? []) {
 *     if (value.tag === 'loss/critic') console.log(event.step, value.tensor?.floatVal?.[0]);
 *   }
 * }
 * ```
 * @param path - an event file, or a run folder (its direct children named `*tfevents*`).
 * @returns the events, in file order.
 * @throws EventFileCorruptionError when a complete record's CRC does not match, naming the
 *   file and byte offset.
 */
export async function* readEvents(path: string): AsyncGenerator<EventMessage> {
  for (const file of await eventFiles(path)) {
    const bytes = await readFile(file);
    let offset = 0;
    while (offset < bytes.length) {
      const parsed = parseRecord(bytes, offset);
      if (parsed.kind === 'truncated') break;
      if (parsed.kind === 'corrupt') {
        throw new EventFileCorruptionError(
          `event file '${file}' is damaged at byte ${offset}: ${parsed.reason}. ` +
            'Records before it are intact; copy them out or delete the file.',
        );
      }
      yield decodeEvent(parsed.data);
      offset = parsed.next;
    }
  }
}

/**
 * Lists the event files a path stands for, in reading order.
 *
 * @param path - an event file or a run folder.
 * @returns the files' paths.
 */
export async function eventFiles(path: string): Promise<string[]> {
  if (!(await stat(path)).isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && isEventFileName(entry.name))
    .map((entry) => entry.name)
    .sort()
    .map((name) => join(path, name));
}
