import { inject, injectable, multiInject, optional } from 'inversify';
import type { Observable } from 'rxjs';
import type { CheckpointManager } from '../core/checkpoint/checkpoint-manager.js';
import { TOKENS } from '../core/di/tokens.js';
import { ReplicaError } from '../core/distributed/replica-error.js';
import type { ReplicaGroup } from '../core/distributed/replica-group.js';
import type { Clock } from '../core/events/clock.js';
import { EventOutbox } from '../core/events/event-outbox.js';
import type { StepCounts, StepName, TrainingEvent } from '../core/events/training-event.js';
import type { Logger } from '../core/logger.js';
import type { GlobalStep } from '../core/optim/global-step.js';
import type { Optimizer } from '../core/optim/optimizer.js';
import type { Dataset } from './data/dataset.js';
import type { GanModel } from './gan-model.js';
import type { Hook, StopOptions } from './hook.js';
import { HookHost, type SharedContext } from './hook-host.js';
import { sharedHookContext } from './shared-hook-context.js';
import type { GanLoss } from './losses/gan-loss.js';
import type { NoiseSampler } from './noise-sampler.js';
import type { SummaryWriterProvider } from './summary-writer-provider.js';
import { runIteration, type IterationIo } from './iteration.js';
import { ReplicaCoordinator } from './replicas/replica-coordinator.js';
import { RunState, type RestoredRun } from './run-state/run-state.js';
import { CompiledUpdates } from './compiled/compiled-updates.js';
import type { GeneratorAverager, StepParts } from './train-step.js';
import type { TrainerSettings } from './trainer-settings.js';

/** How a run ended, as `trainer.run()` resolves. */
export interface TrainingResult {
  readonly steps: StepCounts;
  /** `last-step`, the reason given to `stop()`/`requestStop()`, or `error`. */
  readonly reason: string;
  /** What ended the run when `reason` is `error` (a `HookError` names the hook). */
  readonly error?: Error;
}

interface PendingStop {
  readonly reason: string;
  readonly saveCheckpoint: boolean;
}

/**
 * Trains a GAN the TensorFlow 1 way: each iteration runs `nCritic` critic updates, then one
 * generator update, each with its own optimizer and its own global step, so after `N`
 * iterations from scratch `global_step/critic` reads `nCritic·N` and `global_step/generator`
 * reads `N`. Every update is announced on {@link GanTrainer.events$}, to which hooks subscribe.
 *
 * Build one with `createTrainer(config)`; every constructor argument is a container token.
 *
 * @example
 * ```ts
 * const trainer = createTrainer({ generator, critic, dataset, loss: wasserstein(), steps: 1000 });
 * const { steps, reason } = await trainer.run();
 * ```
 */
@injectable()
export class GanTrainer {
  /** The run's events, synchronous and in order (see `TrainingEvent`). */
  readonly events$: Observable<TrainingEvent>;
  private readonly outbox = new EventOutbox<TrainingEvent>();
  private running = false;
  private pendingStop: PendingStop | undefined;
  /** The checkpoint the last `run()` resumed from, and its steps; unset for a fresh start. */
  resumedFrom: RestoredRun | undefined;
  private state: RunState | undefined;
  private compiled: CompiledUpdates | undefined;

  constructor(
    @inject(TOKENS.Config) readonly settings: TrainerSettings,
    @inject(TOKENS.Backend) private readonly startBackend: () => Promise<unknown>,
    @inject(TOKENS.Generator) readonly generator: GanModel,
    @inject(TOKENS.Critic) readonly critic: GanModel,
    @inject(TOKENS.CriticOptimizer) private readonly criticOptimizer: Optimizer,
    @inject(TOKENS.GeneratorOptimizer) private readonly generatorOptimizer: Optimizer,
    @inject(TOKENS.GlobalSteps) readonly globalSteps: Readonly<Record<StepName, GlobalStep>>,
    @inject(TOKENS.Loss) readonly loss: GanLoss,
    @inject(TOKENS.Dataset) readonly dataset: Dataset,
    @inject(TOKENS.NoiseSampler) readonly noise: NoiseSampler,
    @inject(TOKENS.Clock) private readonly clock: Clock,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @multiInject(TOKENS.Hook) @optional() private readonly hooks: Hook[] = [],
    @inject(TOKENS.GeneratorAverage) @optional() private readonly average?: GeneratorAverager,
    @inject(TOKENS.SummaryWriter) @optional() private readonly summaries?: SummaryWriterProvider,
    @inject(TOKENS.ReplicaGroup) @optional() private readonly replicaGroup?: ReplicaGroup,
    @inject(TOKENS.CheckpointManager)
    @optional()
    private readonly checkpoints?: CheckpointManager,
  ) {
    this.events$ = this.outbox.events$;
  }

  /** The moving average of the generator's weights (`emaDecay`), if the run keeps one. */
  get generatorAverage(): GeneratorAverager | undefined {
    return this.average;
  }

  /** Both global steps now. */
  get steps(): StepCounts {
    return { critic: this.globalSteps.critic.value, generator: this.globalSteps.generator.value };
  }

  /**
   * Asks a running trainer for a graceful stop at the next iteration boundary (the current
   * iteration finishes, hooks save and flush on `end`). Later requests, and requests while
   * no run is in progress, are ignored.
   *
   * @param reason - why, in words; default `stopped`.
   * @param source - who asks (shown in `stop-requested`); default `trainer`.
   * @param options - whether a final checkpoint should be saved.
   */
  stop(reason = 'stopped', source = 'trainer', options: StopOptions = {}): void {
    if (!this.running || this.pendingStop !== undefined) return;
    this.pendingStop = { reason, saveCheckpoint: options.saveCheckpoint ?? true };
    this.emit({
      kind: 'stop-requested',
      reason,
      source,
      saveCheckpoint: this.pendingStop.saveCheckpoint,
      ...this.stamp(),
    });
  }

  /**
   * Starts the backend, attaches the hooks and trains until the last step, a stop request or
   * an error; then awaits every hook's queued work and closes the run's summary writer.
   *
   * @returns the final steps and why training ended (errors resolve too, as `reason: 'error'`).
   */
  async run(): Promise<TrainingResult> {
    if (this.running)
      throw new Error('GanTrainer.run: this trainer is already running; await the first run');
    this.running = true;
    this.pendingStop = undefined;
    try {
      await this.startBackend();
      await this.resume();
    } catch (error) {
      this.running = false;
      throw error;
    }
    const isChief = this.replicaGroup?.isChief ?? true;
    const hooks = this.hooks.filter((hook) => isChief || hook.chiefOnly !== true);
    const host = new HookHost(this.events$, hooks, this.sharedContext());
    try {
      return await this.train(host);
    } finally {
      await this.closeSummaries(host);
      host.detach();
      this.running = false;
    }
  }

  /**
   * Everything this run needs to resume (variables, slots, averages, steps, RNG, dataset
   * position, Checkpointable hooks), under the names its checkpoints use.
   *
   * @returns the run's state (the same object each call); its first use creates the optimizer
   *   slots and moving averages that the first update would.
   */
  runState(): RunState {
    this.state ??= new RunState({
      ...this.stepParts(),
      noise: this.noise,
      dataset: this.dataset,
      hooks: this.hooks,
    });
    return this.state;
  }

  /**
   * Restores the newest checkpoint of `TOKENS.CheckpointManager`, if any, before any hook or
   * summary writer exists, so hooks see the restored steps from `begin` on and the writer
   * opens with `resumeFromStep`.
   */
  private async resume(): Promise<void> {
    const latest = this.checkpoints?.latest();
    if (latest === undefined) return;
    const restored = await this.runState().restore(latest);
    this.resumedFrom = restored;
    const { critic, generator } = restored.steps;
    this.logger.info(
      `resuming from ${latest} (critic step ${critic}, generator step ${generator})`,
    );
  }

  /** Closes the writer however the run ended; hooks' writes queued on `error` go in first. */
  private async closeSummaries(host: HookHost): Promise<void> {
    await host.settle();
    if (this.summaries?.isOpen !== true) return;
    try {
      await this.summaries.close();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        `closing the summary writer of '${this.summaries.logdir}' failed: ${message}`,
      );
    }
  }

  private async train(host: HookHost): Promise<TrainingResult> {
    const parts: StepParts = {
      ...this.stepParts(),
      guards: host.guards,
      gradientObservers: host.gradientObservers,
    };
    const replicas = this.coordinator();
    let error: Error | undefined;
    try {
      this.emit({ kind: 'begin', ...this.stamp() });
      if (replicas !== undefined) await this.startReplica(replicas, parts, host);
      for (
        let iteration = 0;
        !(replicas
          ? await this.agreeToEnd(replicas, parts, host, iteration)
          : this.shouldEnd(host));
        iteration++
      ) {
        const io: IterationIo = {
          dataset: this.dataset,
          noise: this.noise,
          emit: (event) => this.emit(event),
          failed: () => host.failure !== undefined,
          stamp: () => this.stamp(),
        };
        if (replicas === undefined) runIteration(parts, iteration, io);
        else await replicas.iterate(parts, iteration, io);
        // Lets timers, signals and hooks' file writes run between iterations.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (thrown) {
      error = thrown instanceof Error ? thrown : new Error(String(thrown));
    }
    return this.finish(host, error);
  }

  private async finish(host: HookHost, trainerError: Error | undefined): Promise<TrainingResult> {
    await host.settle();
    if (trainerError === undefined && host.failure === undefined) {
      const reason = this.pendingStop?.reason ?? 'last-step';
      this.emit({
        kind: 'end',
        reason,
        saveCheckpoint: this.pendingStop?.saveCheckpoint ?? true,
        ...this.stamp(),
      });
      await host.settle();
      if (host.failure === undefined) return { steps: this.steps, reason };
    }
    const error = trainerError ?? host.failure ?? new Error('unknown failure');
    const source =
      trainerError === undefined && host.failure !== undefined ? host.failure.hookName : 'trainer';
    this.logger.warn(`training ended with an error: ${error.message}`);
    this.emit({ kind: 'error', error, source, ...this.stamp() });
    return { steps: this.steps, reason: 'error', error };
  }

  private coordinator(): ReplicaCoordinator | undefined {
    const group = this.replicaGroup;
    if (group === undefined || group.worldSize === 1) return undefined;
    return new ReplicaCoordinator(group, this.settings.replicaCheckEvery);
  }

  /** Hooks restore on `begin`; their work finishes first, then the chief's state wins. */
  private async startReplica(
    replicas: ReplicaCoordinator,
    parts: StepParts,
    host: HookHost,
  ): Promise<void> {
    await host.settle();
    const { critic, generator } = this.globalSteps;
    await replicas.start(parts, [critic, generator, this.dataset, this.noise]);
  }

  /** With replicas, every replica ends after the same iteration, for any replica's reason. */
  private async agreeToEnd(
    replicas: ReplicaCoordinator,
    parts: StepParts,
    host: HookHost,
    iteration: number,
  ): Promise<boolean> {
    const failure = host.failure;
    const decision = await replicas.boundary(
      parts,
      iteration,
      failure === undefined
        ? this.pendingStop
        : { reason: 'error', saveCheckpoint: false, failure: failure.message },
    );
    if (decision === undefined) return this.shouldEnd(host);
    if (decision.failure !== undefined && failure === undefined) {
      throw new ReplicaError(`replica ${decision.rank} failed: ${decision.failure}`, decision.rank);
    }
    this.stop(decision.reason, `replica ${decision.rank}`, {
      saveCheckpoint: decision.saveCheckpoint,
    });
    return true;
  }

  private shouldEnd(host: HookHost): boolean {
    if (host.failure !== undefined || this.pendingStop !== undefined) return true;
    const last = this.settings.steps;
    if (last !== undefined && this.globalSteps.generator.value >= last) return true;
    return false;
  }

  /** In order even when a handler emits from inside another event (a stop request). */
  private emit(event: TrainingEvent): void {
    this.outbox.emit(event);
  }

  private stamp(): { steps: StepCounts; time: number } {
    return { steps: this.steps, time: this.clock.now() };
  }

  private stepParts(): Omit<StepParts, 'guards' | 'gradientObservers'> {
    const { execution } = this.settings;
    if (execution !== 'eager') this.compiled ??= new CompiledUpdates(execution, this.logger);
    return {
      compiled: this.compiled,
      settings: this.settings,
      generator: this.generator,
      critic: this.critic,
      optimizers: { critic: this.criticOptimizer, generator: this.generatorOptimizer },
      steps: this.globalSteps,
      loss: this.loss,
      average: this.average,
    };
  }

  private sharedContext(): SharedContext {
    return sharedHookContext({
      readSteps: () => this.steps,
      settings: this.settings,
      generator: this.generator,
      critic: this.critic,
      optimizers: { critic: this.criticOptimizer, generator: this.generatorOptimizer },
      noise: this.noise,
      generatorAverage: this.average,
      clock: this.clock,
      logger: this.logger,
      summaries: this.summaries,
      checkpoints: this.checkpoints,
      requestStop: (reason, options, source) => this.stop(reason, source, options),
      announceCheckpoint: (path) => this.emit({ kind: 'checkpoint-saved', path, ...this.stamp() }),
      announceEvaluation: (evaluation) =>
        this.emit({ kind: 'evaluation', ...evaluation, ...this.stamp() }),
    });
  }
}
