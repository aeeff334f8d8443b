/** A summary could not be written as asked; the message names the tag, step or path. */
export class SummaryError extends Error {
  override readonly name: string = 'SummaryError';
}

/**
 * An event file has a complete record whose checksum does not match: the file was damaged
 * after it was written (a truncated last record is not an error; readers stop there).
 */
export class EventFileCorruptionError extends SummaryError {
  override readonly name = 'EventFileCorruptionError';
}
