import { CheckpointError } from '../../core/checkpoint/errors.js';

/**
 * A run cannot resume from its checkpoint, or cannot be checkpointed: the configured models,
 * optimizers or moving average differ from the run that saved it. The message names each
 * variable or state that differs and says what to do; nothing was loaded or written.
 */
export class ResumeError extends CheckpointError {
  override readonly name: string = 'ResumeError';
}
