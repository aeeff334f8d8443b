/**
 * Severity letters of the two log formats TensorFlow writes: Abseil's
 * (`I0000 00:00:1796585721.519307    4283 port.cc:153] …`) and TensorFlow's own older one
 * (`2024-01-01 12:00:00.123456: W tensorflow/core/…cc:42] …`).
 */
const SEVERITY: Record<string, number> = { I: 0, W: 1, E: 2, F: 3 };
// Abseil writes MMDD HH:MM:SS.micros, and before its logging is initialised 0000 00:00:<epoch seconds>.
const ABSEIL_RECORD = /^([IWEF])\d{4} \d\d:\d\d:\d+\.\d+\s+\d+ [^\]\s]+:\d+\] /;
const TENSORFLOW_RECORD = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+: ([IWEF]) [^\]\s]+:\d+\] /;
/** Abseil's notice, printed once before the first record when nothing initialised its logging. */
const ABSEIL_NOTICE = 'WARNING: All log messages before absl::InitializeLog() is called';

/**
 * The minimum severity TensorFlow's `TF_CPP_MIN_LOG_LEVEL` asks for (0 info, 1 warning,
 * 2 error, 3 fatal), as TensorFlow reads it: anything else counts as 0.
 *
 * @param value - the variable's text, if set.
 * @returns the level, 0 to 3.
 */
export function minLogLevel(value: string | undefined): number {
  const level = Number(value);
  return Number.isInteger(level) && level >= 0 ? Math.min(level, 3) : 0;
}

/**
 * Keeps of what TensorFlow wrote to stderr while it loaded only what `TF_CPP_MIN_LOG_LEVEL`
 * lets through. Some of TensorFlow's load-time lines go through Abseil before its logging is
 * initialised, where the variable does not reach (the oneDNN notice, CPU-feature notices that
 * differ from CPU to CPU), so gantry applies the level to them itself. A line that starts no
 * record continues the one before it (TensorFlow's notices run over several lines) and is shown
 * when that record is; lines before the first record are always shown.
 *
 * @example
 * ```ts
 * filterTensorflowLog('I0000 00:00:1.5    42 port.cc:153] oneDNN custom operations are on.\n', 2);
 * // ''
 * ```
 * @param text - what was written to stderr.
 * @param level - the minimum severity to keep, from {@link minLogLevel}.
 * @returns the lines to show, each ending in a newline.
 */
export function filterTensorflowLog(text: string, level: number): string {
  const kept: string[] = [];
  let keepingRecord = true;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const severity = severityOf(line);
    if (severity !== undefined) keepingRecord = severity >= level;
    else if (line.startsWith(ABSEIL_NOTICE)) keepingRecord = level === 0;
    if (keepingRecord) kept.push(`${line}\n`);
  }
  return kept.join('');
}

function severityOf(line: string): number | undefined {
  const letter = ABSEIL_RECORD.exec(line)?.[1] ?? TENSORFLOW_RECORD.exec(line)?.[1];
  return letter === undefined ? undefined : SEVERITY[letter];
}
