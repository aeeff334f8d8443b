/** A replica crashed, stopped answering, or disagrees with the others; the message names it. */
export class ReplicaError extends Error {
  override readonly name = 'ReplicaError';

  /**
   * @param message - what happened.
   * @param rank - the replica at fault, when one is known.
   */
  constructor(
    message: string,
    readonly rank?: number,
  ) {
    super(message);
  }
}
