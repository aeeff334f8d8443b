/** What {@link installSignalHandlers} needs of the process (`process` itself, or a fake). */
export interface SignalSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
  exit(code: number): void;
}

/** What {@link installSignalHandlers} needs of a trainer. */
export interface SignalTarget {
  stop(reason: string, source: string): void;
}

/**
 * Makes Ctrl-C graceful for a CLI run: the first SIGINT asks the trainer to stop at the next
 * iteration boundary (the step finishes, hooks save a checkpoint and close the summary writer
 * on `end`); a second SIGINT exits at once with status 130.
 *
 * @example
 * ```ts
 * const uninstall = installSignalHandlers(trainer);
 * try { await trainer.run(); } finally { uninstall(); }
 * ```
 * @param trainer - the trainer to stop.
 * @param target - the process to listen on and exit; default `process`.
 * @returns a function that removes the handler.
 */
export function installSignalHandlers(
  trainer: SignalTarget,
  target: SignalSource = process,
): () => void {
  let received = 0;
  const onSigint = (): void => {
    received += 1;
    if (received === 1) trainer.stop('SIGINT', 'signal');
    else target.exit(130);
  };
  target.on('SIGINT', onSigint);
  return () => {
    target.off('SIGINT', onSigint);
  };
}
