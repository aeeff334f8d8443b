/**
 * `gantry setup tensorflow` could not finish; the message names what was missing and what to
 * do about it (install a TensorFlow wheel, install build tools, pass `--from`).
 */
export class SetupError extends Error {
  override readonly name = 'SetupError';
}
