/** A backend was asked for that cannot run here; the message says how to get it. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}
