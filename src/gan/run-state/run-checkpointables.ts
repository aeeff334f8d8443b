import type { Checkpointable, JsonValue } from '../../core/checkpoint/checkpointable.js';
import type { StepName } from '../../core/events/training-event.js';
import type { Optimizer } from '../../core/optim/optimizer.js';
import type { ReduceOnPlateauState } from '../../core/optim/schedules/plateau-tracker.js';
import type { ReduceOnPlateau } from '../../core/optim/schedules/reduce-on-plateau.js';
import type { Dataset } from '../data/dataset.js';
import type { GanLoss } from '../losses/gan-loss.js';
import type { NoiseSampler } from '../noise-sampler.js';

/** The objects of a run whose state (not variables) a checkpoint carries. */
export interface RunCheckpointableParts {
  readonly optimizers: Readonly<Record<StepName, Optimizer>>;
  readonly noise: NoiseSampler;
  readonly dataset: Dataset;
  /** Carried when it is a Checkpointable (the gradient penalty's seed counter). */
  readonly loss: GanLoss;
  /** Those that are Checkpointables are carried (a hook with counters, a plateau schedule). */
  readonly hooks?: readonly object[];
  /** Anything else to carry, e.g. {@link plateauCheckpointable}. */
  readonly extra?: readonly Checkpointable[];
}

/**
 * Whether an object implements the {@link Checkpointable} contract.
 *
 * @param value - any object.
 * @returns true when it has a string `checkpointName`, `stateDict` and `loadStateDict`.
 */
export function isCheckpointable(value: unknown): value is Checkpointable {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Checkpointable>;
  return (
    typeof candidate.checkpointName === 'string' &&
    typeof candidate.stateDict === 'function' &&
    typeof candidate.loadStateDict === 'function'
  );
}

/**
 * The state a GAN run needs to resume besides its variables: the noise sampler's draw count,
 * the dataset's position, each optimizer's own batch count (`optimizer_iterations/<role>`),
 * the loss's seed counter when it has one, and every hook or extra object that is a
 * Checkpointable.
 *
 * @param parts - the run's objects.
 * @returns the Checkpointables, in a fixed order.
 */
export function runCheckpointables(parts: RunCheckpointableParts): Checkpointable[] {
  const carried: Checkpointable[] = [
    parts.noise,
    parts.dataset,
    iterationsOf('critic', parts.optimizers.critic),
    iterationsOf('generator', parts.optimizers.generator),
  ];
  if (isCheckpointable(parts.loss)) carried.push(parts.loss);
  for (const hook of parts.hooks ?? []) if (isCheckpointable(hook)) carried.push(hook);
  carried.push(...(parts.extra ?? []));
  return carried;
}

/**
 * Lets a `reduceOnPlateau` schedule ride in a checkpoint: its best value, counters and current
 * learning rate.
 *
 * @example
 * ```ts
 * const plateau = reduceOnPlateau({ learningRate: 1e-4, patience: 5 });
 * new RunState({ ...parts, extra: [plateauCheckpointable('lr_plateau/generator', plateau)] });
 * ```
 * @param checkpointName - a name unique within the run, e.g. `lr_plateau/generator`.
 * @param plateau - the schedule.
 * @returns the Checkpointable.
 */
export function plateauCheckpointable(
  checkpointName: string,
  plateau: ReduceOnPlateau,
): Checkpointable {
  return {
    checkpointName,
    stateDict: (): JsonValue => ({ ...plateau.getState() }),
    loadStateDict: (state) => plateau.setState(state as unknown as ReduceOnPlateauState),
  };
}

function iterationsOf(role: StepName, optimizer: Optimizer): Checkpointable {
  return {
    checkpointName: `optimizer_iterations/${role}`,
    stateDict: () => optimizer.iterations.value,
    loadStateDict: (state) => optimizer.iterations.loadStateDict(state),
  };
}
