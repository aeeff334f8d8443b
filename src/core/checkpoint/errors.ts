/**
 * The base of every checkpoint failure, so a caller can catch them all with one
 * `instanceof CheckpointError`; the subclasses say which kind of failure it was.
 */
export class CheckpointError extends Error {
  override readonly name: string = 'CheckpointError';
}

/** A file is not a gantry checkpoint (not safetensors, or safetensors without a gantry manifest). */
export class CheckpointFormatError extends CheckpointError {
  override readonly name: string = 'CheckpointFormatError';
}

/** A checkpoint file ends before the bytes its header describes (an interrupted copy or write). */
export class CheckpointTruncatedError extends CheckpointError {
  override readonly name: string = 'CheckpointTruncatedError';
}

/** A checkpoint's bytes do not match the checksums recorded when it was written. */
export class CheckpointCorruptError extends CheckpointError {
  override readonly name: string = 'CheckpointCorruptError';
}

/** A checkpoint was written in a newer format than this gantry reads. */
export class CheckpointVersionError extends CheckpointError {
  override readonly name: string = 'CheckpointVersionError';
}

/** A name (variable, checkpoint or file) that is malformed or would escape the checkpoint folder. */
export class CheckpointNameError extends CheckpointError {
  override readonly name: string = 'CheckpointNameError';
}

/** One variable or state entry that a restore could not match with the checkpoint. */
export interface CheckpointMismatch {
  /** The name in the checkpoint file (e.g. `critic/dense/kernel/RMSProp/rms`). */
  name: string;
  /** `missing`: absent from the file; `dtype`/`shape`: present but different. */
  kind: 'missing' | 'dtype' | 'shape';
  /** What is wrong, e.g. `shape [3,4] in the file, [4,4] in the variable`. */
  problem: string;
}

/**
 * A restore found variables or states that are missing from the checkpoint or differ in dtype
 * or shape; nothing was loaded. The message lists every mismatch, one per line.
 */
export class CheckpointMismatchError extends CheckpointError {
  override readonly name: string = 'CheckpointMismatchError';

  /**
   * @param path - the checkpoint file that was read.
   * @param mismatches - every name that did not match, with the reason.
   */
  constructor(
    readonly path: string,
    readonly mismatches: readonly CheckpointMismatch[],
  ) {
    const onlyMissing = mismatches.every((m) => m.kind === 'missing');
    const hint = onlyMissing
      ? 'pass { allowPartial: true } to restore only what the file has'
      : 'dtypes and shapes must match: check the model and optimizer match the run that saved it';
    super(
      `cannot restore ${path}: ${mismatches.length} name(s) do not match and nothing was ` +
        `loaded (${hint}):\n` +
        mismatches.map((m) => `  ${m.name}: ${m.problem}`).join('\n'),
    );
  }
}
