import type { CheckpointManager } from '../../core/checkpoint/checkpoint-manager.js';
import type { StepCounts } from '../../core/events/training-event.js';
import type { SummaryWriterProvider } from '../summary-writer-provider.js';
import type { SharedContext } from './hook-host.js';

/** What the trainer hands over to build its hooks' shared context. */
export type HookContextSources = Omit<
  SharedContext,
  'steps' | 'summaryWriter' | 'checkpointManager'
> & {
  /** Reads both global steps now (the context's `steps` is a live getter). */
  readSteps(): StepCounts;
  summaries: SummaryWriterProvider | undefined;
  checkpoints: CheckpointManager | undefined;
};

/**
 * The part of every hook's context that the trainer lends: live steps, the models, optimizers
 * and clock, and the run's summary writer and checkpoint manager — opened on first use, and
 * refused with a message saying what to bind when the trainer was built without them.
 *
 * @param sources - the trainer's collaborators.
 * @returns the shared context `HookHost` extends per hook.
 */
export function sharedHookContext(sources: HookContextSources): SharedContext {
  const { readSteps, summaries, checkpoints, ...lent } = sources;
  return {
    ...lent,
    get steps() {
      return readSteps();
    },
    summaryWriter: () => {
      if (summaries === undefined) {
        throw new Error(
          'this trainer has no summary writer: bind a SummaryWriterProvider to ' +
            'TOKENS.SummaryWriter (createTrainer does) to write summaries',
        );
      }
      return summaries.get();
    },
    checkpointManager: () => {
      if (checkpoints === undefined) {
        throw new Error(
          'this trainer has no checkpoint manager: bind a CheckpointManager to ' +
            'TOKENS.CheckpointManager (createTrainer does) to save checkpoints',
        );
      }
      return checkpoints;
    },
  };
}
