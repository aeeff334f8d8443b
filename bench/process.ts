import { spawn } from 'node:child_process';

/** How a child process ended, with everything it wrote. */
export interface ChildResult {
  /** Exit code; null when a signal ended it (e.g. the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Options of {@link runChild}. */
export interface ChildOptions {
  /** Copy the child's stderr to ours as it arrives (progress lines). */
  echoStderr?: boolean;
  /** Kill the child after this many milliseconds. */
  timeoutMs?: number;
  /** Variables added to this process's environment for the child. */
  env?: Readonly<Record<string, string>>;
}

/**
 * Runs a command to completion without a shell and collects its output. Never rejects for a
 * failing command: the caller decides what a non-zero exit means.
 *
 * @param command - the executable.
 * @param args - its arguments.
 * @param options - echoing, timeout and extra environment.
 * @returns exit code, stdout and stderr.
 */
export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: options.timeoutMs,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (options.echoStderr === true) process.stderr.write(chunk);
    });
    child.on('error', (error) =>
      resolve({ code: -1, stdout, stderr: `${stderr}${error.message}` }),
    );
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * The last non-empty line a failed child wrote, to explain in one line why a column is missing.
 *
 * @param result - the failed child's output.
 * @returns that line, or a description of the exit status when it wrote nothing.
 */
export function failureReason(result: ChildResult): string {
  const lines = `${result.stderr}\n${result.stdout}`.split('\n').map((line) => line.trim());
  const last = lines.filter((line) => line.length > 0).at(-1);
  return last ?? (result.code === null ? 'killed (timeout)' : `exit code ${result.code}`);
}

/**
 * Finds the one line a child printed behind a prefix and parses the JSON after it.
 *
 * @param stdout - the child's standard output.
 * @param prefix - e.g. `PEER_JSON `.
 * @returns the parsed value, or undefined when no such line is there.
 * @throws SyntaxError when the line is there but its JSON is malformed.
 */
export function readPrefixedJson(stdout: string, prefix: string): unknown {
  const line = stdout.split('\n').find((candidate) => candidate.startsWith(prefix));
  return line === undefined ? undefined : JSON.parse(line.slice(prefix.length));
}
