/**
 * A hook threw (synchronously in a subscriber, or in work it deferred). The trainer ends the
 * run with an `error` event carrying this error; the message names the hook.
 */
export class HookError extends Error {
  override readonly name = 'HookError';

  /**
   * @param hookName - the hook's name, as shown in the message.
   * @param cause - what the hook threw.
   */
  constructor(
    readonly hookName: string,
    cause: unknown,
  ) {
    super(
      `hook ${hookName} failed: ${cause instanceof Error ? cause.message : String(cause)}; ` +
        'training stopped (fix or remove the hook and resume from the last checkpoint)',
      { cause },
    );
  }
}
