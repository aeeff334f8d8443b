import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import type { IterationIo } from '../iteration.js';
import type { ReplicatedState } from '../replicas/replica-state.js';
import { ReplicatedIterations } from '../replicas/replicated-iterations.js';
import type { StepParts } from '../update/step-parts.js';
import type { IterationRunner, RunControl } from './iteration-runner.js';
import { LocalIterations } from './local-iterations.js';

/** What {@link iterationRunnerFor} builds a runner from. */
export interface IterationRunnerSources {
  readonly parts: StepParts;
  readonly io: IterationIo;
  readonly control: RunControl;
  /** The replicas this process trains with; absent or of one, it trains alone. */
  readonly group: ReplicaGroup | undefined;
  /** The JSON state replicas take from the chief: global steps, dataset, noise sampler. */
  readonly replicatedState: readonly ReplicatedState[];
}

/**
 * The iterations of one run: {@link LocalIterations} alone (no group, or a group of one), else
 * {@link ReplicatedIterations}, checking weights every `settings.replicaCheckEvery` iterations.
 *
 * @param sources - the run's collaborators and replicas.
 * @returns the runner the trainer's loop drives.
 */
export function iterationRunnerFor(sources: IterationRunnerSources): IterationRunner {
  const { parts, io, control, group } = sources;
  if (group === undefined || group.worldSize === 1) return new LocalIterations(parts, io, control);
  return new ReplicatedIterations(
    group,
    parts.settings.replicaCheckEvery,
    parts,
    io,
    control,
    sources.replicatedState,
  );
}
