/** Where gantry writes its human-readable lines (start-up, warnings, progress summaries). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

/** Writes to stderr, so a command's stdout stays clean for data (`--json`, `.npy`). */
export const consoleLogger: Logger = {
  info: (message) => process.stderr.write(`${message}\n`),
  warn: (message) => process.stderr.write(`warning: ${message}\n`),
};

/** Discards everything; for tests and quiet library use. */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
};
