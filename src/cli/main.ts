#!/usr/bin/env node
/**
 * The `gantry` command. Each subcommand lives in its own file under `commands/` and is listed
 * once in {@link COMMANDS}; errors gantry anticipates print as one line, others with a stack.
 *
 * @packageDocumentation
 */
import { Command } from 'commander';
import { createRequire } from 'node:module';
import { setupCommand } from './commands/setup.js';

/** Every subcommand, in the order `gantry --help` lists them. */
const COMMANDS: ReadonlyArray<() => Command> = [setupCommand];

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

try {
  await program.parseAsync(process.argv);
} catch (error) {
  // gantry's own errors are named classes whose message says what to do; a built-in error
  // is a bug, and its stack is what a bug report needs.
  const anticipated = error instanceof Error && !BUILT_IN_ERRORS.has(error.name);
  console.error(anticipated ? `gantry: ${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
