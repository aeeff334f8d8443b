import type { CheckpointContents } from '../../core/checkpoint/checkpoint-file.js';
import type { CheckpointSource } from '../../core/checkpoint/checkpoint-manager.js';
import { CheckpointMismatchError } from '../../core/checkpoint/errors.js';
import { Saver, type SaveOptions } from '../../core/checkpoint/saver.js';
import type { StepCounts, StepName } from '../../core/events/training-event.js';
import type { GlobalStep } from '../../core/optim/global-step.js';
import { CompiledTraces } from './compiled-traces.js';
import { runCheckpointables, type RunCheckpointableParts } from './run-checkpointables.js';
import { runVariables, type RunVariableParts } from './run-variables.js';
import { ResumeError } from './resume-error.js';

/** Everything a GAN run holds that a checkpoint must carry. */
export interface RunStateParts extends RunVariableParts, RunCheckpointableParts {
  readonly steps: Readonly<Record<StepName, GlobalStep>>;
}

/** What {@link RunState.restore} put back. */
export interface RestoredRun {
  /** The checkpoint file read. */
  readonly path: string;
  /** Both global steps, now assigned. */
  readonly steps: StepCounts;
}

/**
 * Everything a GAN run needs to continue exactly where it stopped: generator and critic
 * variables (batch-norm statistics included), every optimizer slot and non-slot variable, the
 * generator's moving averages, both global steps, each optimizer's batch count, the noise
 * sampler's draws, the dataset's position, the loss's seed counter, every Checkpointable
 * hook and how often the updates were traced ({@link CompiledTraces}) — saved under canonical
 * names (see {@link runVariables}) that stay the same in another process. It is the
 * {@link CheckpointSource} a run's `CheckpointManager` saves.
 *
 * The Saver behind it is built on first use, creating the slots and moving averages that the
 * first update would otherwise create, so a run restored before its first update has every
 * variable a checkpoint holds.
 *
 * @example
 * ```ts
 * const state = new RunState({ generator, critic, optimizers, steps, noise, dataset, loss });
 * const manager = new CheckpointManager(state, 'runs/wgan/checkpoints');
 * const latest = manager.latest();
 * if (latest !== undefined) await state.restore(latest); // before the first iteration
 * ```
 */
export class RunState implements CheckpointSource {
  /** How often the run's updates were traced (`compiled_traces`); the trainer feeds it. */
  readonly compiledTraces = new CompiledTraces();
  private saver: Saver | undefined;

  /** @param parts - the run's models, optimizers, steps and stateful objects. */
  constructor(private readonly parts: RunStateParts) {}

  /** The checkpoint names of every variable the run saves, sorted. */
  get variableNames(): string[] {
    return this.getSaver().variableNames;
  }

  /**
   * Copies every value and state now, with both global steps (`critic`, `generator`).
   *
   * @param options - the config to record; `steps` default to the run's global steps.
   * @returns the contents of a checkpoint file.
   */
  snapshot(options: SaveOptions = {}): CheckpointContents {
    const { critic, generator } = this.parts.steps;
    const steps = options.steps ?? { critic: critic.value, generator: generator.value };
    return this.getSaver().snapshot({ ...options, steps });
  }

  /**
   * Checks a checkpoint against the run completely, then loads every variable and state and
   * assigns both global steps; loads nothing when anything differs.
   *
   * @param path - the checkpoint file.
   * @returns the path and the restored steps.
   * @throws ResumeError naming every variable or state whose shape or dtype differs or that the
   *   checkpoint lacks (the config changed since the run that saved it); other CheckpointErrors
   *   when the file is truncated, corrupt or not a checkpoint.
   */
  async restore(path: string): Promise<RestoredRun> {
    const saver = this.getSaver();
    let saved: Record<string, number>;
    try {
      saved = (await saver.restore(path)).steps;
    } catch (error) {
      if (error instanceof CheckpointMismatchError) throw refusal(error);
      throw error;
    }
    const steps = {
      critic: stepOf(saved, 'critic', path),
      generator: stepOf(saved, 'generator', path),
    };
    this.parts.steps.critic.assign(steps.critic);
    this.parts.steps.generator.assign(steps.generator);
    return { path, steps };
  }

  private getSaver(): Saver {
    this.saver ??= new Saver(runVariables(this.parts), {
      checkpointables: [...runCheckpointables(this.parts), this.compiledTraces],
    });
    return this.saver;
  }
}

function refusal(error: CheckpointMismatchError): ResumeError {
  return new ResumeError(
    `cannot resume from ${error.path}: the configured run differs from the one that saved it ` +
      `(was the model, optimizer, loss or moving average changed?); nothing was loaded. Train ` +
      `with the original config, or start a new run in another logdir. Differences:\n` +
      error.mismatches.map((m) => `  ${m.name}: ${m.problem}`).join('\n'),
  );
}

function stepOf(steps: Record<string, number>, name: StepName, path: string): number {
  const step = steps[name];
  if (step === undefined) {
    throw new ResumeError(
      `cannot resume from ${path}: it records no ${name} global step; it was not written by ` +
        `a GAN run (save it with a RunState)`,
    );
  }
  return step;
}
