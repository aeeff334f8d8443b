import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../src/core/logger.js';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** What a `gantry` process left behind. */
export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the `gantry` command from source in a child process.
 *
 * @param args - its arguments.
 * @returns its exit status and output.
 */
export function gantry(...args: string[]): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CI: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A logger that keeps its lines, for tests that read what a command reported. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (message) => lines.push(message),
    warn: (message) => lines.push(`warning: ${message}`),
  };
}
