import type * as tf from '../../core/backend/tf.js';
import { agreeOnConfig } from '../../core/distributed/agree-on-config.js';
import { ReplicaError } from '../../core/distributed/replica-error.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import { checkReplicasAgree } from '../../core/distributed/synchronize-tensors.js';
import type { IterationIo } from '../iteration.js';
import type { IterationRunner, RunControl } from '../trainer/iteration-runner.js';
import { wantsToEnd } from '../trainer/wants-to-end.js';
import type { StepParts } from '../update/step-parts.js';
import { describeReplicaConfig } from './replica-config.js';
import { runReplicaIteration } from './replica-iteration.js';
import { synchronizeReplicaState, type ReplicatedState } from './replica-state.js';
import { agreeOnStop, type StopProposal } from './stop-agreement.js';

/**
 * Iterations of one replica of a synchronous data-parallel run: start from the chief's state,
 * train on this replica's shard with averaged updates, and at every iteration boundary agree
 * with the others on stopping and, every `checkEvery` iterations, check that no replica's
 * weights have drifted. Every replica so leaves the loop after the same iteration.
 */
export class ReplicatedIterations implements IterationRunner {
  /**
   * @param group - the replicas (with `worldSize > 1`).
   * @param checkEvery - iterations between weight checksums; 0 never checks.
   * @param parts - the run's collaborators.
   * @param io - data sources and the event sink.
   * @param control - the run's failure, pending stop and hooks' work.
   * @param states - the JSON state the chief's copy wins for: global steps, dataset, noise.
   */
  constructor(
    readonly group: ReplicaGroup,
    private readonly checkEvery: number,
    private readonly parts: StepParts,
    private readonly io: IterationIo,
    private readonly control: RunControl,
    private readonly states: readonly ReplicatedState[],
  ) {}

  /**
   * Hooks restore on `begin`; their work finishes first. A replica configured differently from
   * the chief is then refused (every replica fails, naming the difference), and the chief's
   * weights, optimizer slots and JSON state are copied to every replica.
   *
   * @throws ReplicaError naming the first setting in which a replica differs from the chief.
   */
  async start(): Promise<void> {
    await this.control.settleHooks();
    await agreeOnConfig(this.group, describeReplicaConfig(this.parts));
    await synchronizeReplicaState(this.group, weightsAndSlots(this.parts), this.states);
  }

  /**
   * The periodic weight check, then the stop agreement: every replica proposes its own stop (a
   * request, a failed hook) and all adopt the lowest rank's; a failure elsewhere becomes a
   * `ReplicaError` naming that rank.
   *
   * @param iteration - iterations completed so far in this run.
   * @returns true when the replicas agreed to stop, or nobody proposed and this run is done.
   * @throws ReplicaError when a replica's weights differ from the chief's or another failed.
   */
  async shouldEnd(iteration: number): Promise<boolean> {
    // Proposed as things stand at the boundary, before the check's wait.
    const failure = this.control.failure();
    const proposal: StopProposal | undefined =
      failure === undefined
        ? this.control.pendingStop()
        : { reason: 'error', saveCheckpoint: false, failure: failure.message };
    if (this.checkEvery > 0 && iteration > 0 && iteration % this.checkEvery === 0) {
      await checkReplicasAgree(this.group, weightsAndSlots(this.parts));
    }
    const decision = await agreeOnStop(this.group, proposal);
    if (decision === undefined) return wantsToEnd(this.parts, this.control);
    if (decision.failure !== undefined && failure === undefined) {
      throw new ReplicaError(`replica ${decision.rank} failed: ${decision.failure}`, decision.rank);
    }
    this.control.requestStop(decision.reason, `replica ${decision.rank}`, {
      saveCheckpoint: decision.saveCheckpoint,
    });
    return true;
  }

  /**
   * Runs one iteration on this replica's shard (see `runReplicaIteration`).
   *
   * @param iteration - iterations completed before this one in this run.
   */
  iterate(iteration: number): Promise<void> {
    return runReplicaIteration(this.parts, iteration, this.io, this.group);
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
