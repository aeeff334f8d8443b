/** A generator cannot be exported; the message names what is missing and what to do. */
export class ExportError extends Error {
  override readonly name: string = 'ExportError';
}
