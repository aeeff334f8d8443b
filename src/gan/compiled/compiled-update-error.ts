import type { StepName } from '../../core/events/training-event.js';

/** `execution: 'compiled'` was asked for, and an update could not be compiled. */
export class CompiledUpdateError extends Error {
  override readonly name = 'CompiledUpdateError';

  /**
   * @param step - the update.
   * @param reason - why its trace failed, or why compiled functions cannot run here.
   */
  constructor(step: StepName, reason: string | undefined) {
    super(
      `execution 'compiled': the ${step} update cannot be compiled (${reason ?? 'compiled functions need the tensorflow backend with `npx gantry setup tensorflow`'}); ` +
        "use execution 'auto' to run it eagerly instead",
    );
  }
}
