import type * as tf from '../../core/backend/tf.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import { checkReplicasAgree } from '../../core/distributed/synchronize-tensors.js';
import type { IterationIo } from '../iteration.js';
import type { StepParts } from '../update/step-parts.js';
import { runReplicaIteration } from './replica-iteration.js';
import { synchronizeReplicaState, type ReplicatedState } from './replica-state.js';
import { agreeOnStop, type StopDecision, type StopProposal } from './stop-agreement.js';

/**
 * What the trainer does differently as one replica of a synchronous data-parallel run: start
 * from the chief's state, train on its shard with averaged updates, and at every iteration
 * boundary agree with the others on stopping and, every `checkEvery` iterations, check that no
 * replica's weights have drifted.
 */
export class ReplicaCoordinator {
  /**
   * @param group - the replicas (with `worldSize > 1`).
   * @param checkEvery - iterations between weight checksums; 0 never checks.
   */
  constructor(
    readonly group: ReplicaGroup,
    private readonly checkEvery: number,
  ) {}

  /**
   * Copies the chief's weights, optimizer slots and JSON state to every replica.
   *
   * @param parts - the run's collaborators.
   * @param states - global steps, dataset, noise sampler.
   */
  async start(parts: StepParts, states: readonly ReplicatedState[]): Promise<void> {
    await synchronizeReplicaState(this.group, weightsAndSlots(parts), states);
  }

  /**
   * Runs one iteration on this replica's shard.
   *
   * @param parts - the run's collaborators.
   * @param iteration - iterations completed before this one in this run.
   * @param io - data sources and the event sink.
   */
  iterate(parts: StepParts, iteration: number, io: IterationIo): Promise<void> {
    return runReplicaIteration(parts, iteration, io, this.group);
  }

  /**
   * The iteration boundary: the periodic weight check, then the stop agreement.
   *
   * @param parts - the run's collaborators.
   * @param iteration - iterations completed so far in this run.
   * @param proposal - this replica's wish to stop, if any.
   * @returns the decision every replica takes, or `undefined` to go on.
   * @throws ReplicaError when a replica's weights differ from the chief's.
   */
  async boundary(
    parts: StepParts,
    iteration: number,
    proposal: StopProposal | undefined,
  ): Promise<StopDecision | undefined> {
    if (this.checkEvery > 0 && iteration > 0 && iteration % this.checkEvery === 0) {
      await checkReplicasAgree(this.group, weightsAndSlots(parts));
    }
    return agreeOnStop(this.group, proposal);
  }
}

function weightsAndSlots(parts: StepParts): tf.Variable[] {
  return [
    ...parts.generator.trainableVariables,
    ...parts.critic.trainableVariables,
    ...parts.optimizers.critic.variables(),
    ...parts.optimizers.generator.variables(),
  ];
}
