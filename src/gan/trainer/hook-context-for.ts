import type { StepCounts } from '../../core/events/training-event.js';
import type { SharedContext } from '../hooks-runtime/hook-host.js';
import { sharedHookContext } from '../hooks-runtime/shared-hook-context.js';
import type { RunParts } from './run-parts.js';
import type { Announce } from './unstamped-event.js';

/** The trainer's controls a hook's context reaches. */
export interface HookControls {
  /** Both global steps now. */
  readonly steps: () => StepCounts;
  /** `trainer.stop`, with the asking hook as the source. */
  readonly requestStop: SharedContext['requestStop'];
  readonly announce: Announce;
}

/**
 * Assembles the context every hook of a run shares from the run's parts and the trainer's
 * controls; `HookHost` adds each hook's own name, queue, guards and observers.
 *
 * @param parts - the run's collaborators.
 * @param controls - live steps, stop requests and the event sink.
 * @returns the shared context.
 */
export function hookContextFor(parts: RunParts, controls: HookControls): SharedContext {
  const { announce } = controls;
  return sharedHookContext({
    readSteps: controls.steps,
    settings: parts.settings,
    generator: parts.generator,
    critic: parts.critic,
    optimizers: parts.optimizers,
    noise: parts.noise,
    generatorAverage: parts.average,
    clock: parts.clock,
    logger: parts.logger,
    summaries: parts.summaries,
    checkpoints: parts.checkpoints,
    requestStop: controls.requestStop,
    announceCheckpoint: (path) => announce({ kind: 'checkpoint-saved', path }),
    announceEvaluation: (evaluation) => announce({ kind: 'evaluation', ...evaluation }),
  });
}
