import { CheckpointNameError } from './errors.js';

// TensorFlow's own variable-name alphabet, split on `/`; `.` alone and `..` are refused so a
// name can never become a path that leaves the checkpoint folder when a tool writes per-name files.
const SEGMENT = /^[A-Za-z0-9_.-]+$/;
const CHECKPOINT_NAME = /^[A-Za-z0-9_-]+-[0-9]+$/;

/**
 * Checks that a variable or tensor name is a TensorFlow-style path (`critic/dense/kernel`):
 * segments of letters, digits, `_`, `.` and `-`, joined by `/`, none empty, `.` or `..`.
 *
 * @param name - the name to check.
 * @param where - what the name belongs to, for the error message.
 * @throws CheckpointNameError naming the offending name when it is not one.
 */
export function assertVariableName(name: string, where: string): void {
  const segments = name.split('/');
  const bad = segments.find((s) => !SEGMENT.test(s) || s === '.' || s === '..');
  if (name.length === 0 || bad !== undefined) {
    throw new CheckpointNameError(
      `${where}: variable name ${JSON.stringify(name)} is not a TensorFlow-style path ` +
        `(segments of letters, digits, "_", "." or "-" joined by "/", no "." or ".." segments); ` +
        `rename the variable`,
    );
  }
}

/**
 * Checks that a checkpoint name taken from a state file or a caller is a plain `<prefix>-<number>`
 * (`ckpt-500`), so that joining it to the checkpoint folder can never leave the folder.
 *
 * @param name - the checkpoint name to check.
 * @param where - where the name came from, for the error message.
 * @throws CheckpointNameError when the name has a path separator, `..` or another form.
 */
export function assertCheckpointName(name: string, where: string): void {
  if (!CHECKPOINT_NAME.test(name)) {
    throw new CheckpointNameError(
      `${where}: checkpoint name ${JSON.stringify(name)} is not of the form <prefix>-<number> ` +
        `(e.g. "ckpt-500"); names with "/", ".." or other characters would leave the ` +
        `checkpoint folder and are refused`,
    );
  }
}
