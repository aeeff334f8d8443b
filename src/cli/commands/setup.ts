import { Command } from 'commander';
import { consoleLogger } from '../../core/logger.js';
import { setupTensorflow } from '../setup-tensorflow/setup-tensorflow.js';

/**
 * `gantry setup`: prepares optional parts of gantry's environment. Its one subcommand,
 * `tensorflow`, builds the native TensorFlow backend offline against an installed TensorFlow.
 *
 * @returns the `setup` command, ready to add to the program.
 */
export function setupCommand(): Command {
  const setup = new Command('setup').description('prepare optional parts of the environment');
  setup
    .command('tensorflow')
    .description(
      'build the native tensorflow backend (@tensorflow/tfjs-node) offline against an ' +
        "installed TensorFlow's C API: --from, else the Python on PATH, else a pip wheel " +
        'unpacked into .cache/tensorflow',
    )
    .option('--gpu', 'build @tensorflow/tfjs-node-gpu against a CUDA-enabled TensorFlow', false)
    .option(
      '--from <path>',
      "a folder with TensorFlow's C API: a libtensorflow tarball's contents or a wheel's tensorflow/ folder",
    )
    .action((options: { gpu: boolean; from?: string }) => {
      setupTensorflow({ ...options, logger: consoleLogger });
    });
  return setup;
}
