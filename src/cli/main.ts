#!/usr/bin/env node
/**
 * The `gantry` command. Each subcommand lives in its own file under `commands/` and is listed
 * once in {@link COMMANDS}; errors gantry anticipates print as one line, others with a stack.
 *
 * @packageDocumentation
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { ConfigError } from '../gan/trainer-settings.js';
import { evalCommand } from './commands/eval.js';
import { exportCommand } from './commands/export.js';
import { inspectCommand } from './commands/inspect.js';
import { sampleCommand } from './commands/sample.js';
import { setupCommand } from './commands/setup.js';
import { trainCommand } from './commands/train.js';
import { UsageError } from './usage-error.js';

/** Every subcommand, in the order `gantry --help` lists them. */
const COMMANDS: ReadonlyArray<() => Command> = [
  trainCommand,
  sampleCommand,
  evalCommand,
  exportCommand,
  inspectCommand,
  setupCommand,
];

/** Exit status of a usage error (bad flag, bad config key), as POSIX utilities use it. */
const USAGE_EXIT_CODE = 2;

const BUILT_IN_ERRORS = new Set([
  'Error',
  'TypeError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
]);

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const program = new Command('gantry')
  .description('Train GANs on TensorFlow.js with TensorFlow 1 tf.train semantics')
  .version(version)
  .showHelpAfterError();
for (const command of COMMANDS) program.addCommand(command());
throwInsteadOfExiting(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander has printed the message (or the help); only the status is left to set.
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_EXIT_CODE;
  } else if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(`gantry: ${error.message}`);
    process.exitCode = USAGE_EXIT_CODE;
  } else {
    reportFailure(error);
  }
}

/** Makes commander throw its parse errors (and help) so the exit status can be set here. */
function throwInsteadOfExiting(command: Command): void {
  command.exitOverride();
  for (const sub of command.commands) throwInsteadOfExiting(sub);
}

function reportFailure(error: unknown): void {
  // gantry's own errors are named classes whose message says what to do; a built-in error
  // is a bug, and its stack is what a bug report needs.
  const anticipated = error instanceof Error && !BUILT_IN_ERRORS.has(error.name);
  console.error(anticipated ? `gantry: ${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
