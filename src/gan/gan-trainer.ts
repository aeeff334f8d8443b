import { inject, injectable, multiInject, optional } from 'inversify';
import type { Observable } from 'rxjs';
import { TOKENS } from '../core/di/tokens.js';
import type { ReplicaGroup } from '../core/distributed/replica-group.js';
import { EventOutbox } from '../core/events/event-outbox.js';
import type { StepCounts, StepName, TrainingEvent } from '../core/events/training-event.js';
import type { GlobalStep } from '../core/optim/global-step.js';
import type { Dataset } from './data/dataset.js';
import { CompiledUpdates } from './compiled/compiled-updates.js';
import type { GanModel } from './gan-model.js';
import type { GeneratorAverager } from './generator-averager.js';
import type { Hook } from './hooks-runtime/hook.js';
import { HookHost } from './hooks-runtime/hook-host.js';
import type { StopOptions } from './hooks-runtime/training-context.js';
import type { IterationIo } from './iteration.js';
import type { GanLoss } from './losses/gan-loss.js';
import type { NoiseSampler } from './noise-sampler.js';
import type { RestoredRun, RunState } from './run-state/run-state.js';
import { closeSummaryWriter } from './trainer/close-summary-writer.js';
import { endRun } from './trainer/end-run.js';
import { hookContextFor } from './trainer/hook-context-for.js';
import type { IterationRunner, RunControl } from './trainer/iteration-runner.js';
import { iterationRunnerFor } from './trainer/iteration-runner-for.js';
import { resumeRun } from './trainer/resume-run.js';
import type { RunParts } from './trainer/run-parts.js';
import { StopRequests } from './trainer/stop-requests.js';
import type { TrainingResult } from './trainer/training-result.js';
import type { UnstampedEvent } from './trainer/unstamped-event.js';
import type { TrainerSettings } from './trainer-settings.js';

export type { TrainingResult } from './trainer/training-result.js';

/**
 * Trains a GAN the TensorFlow 1 way: each iteration runs `nCritic` critic updates, then one
 * generator update, each with its own optimizer and its own global step, so after `N`
 * iterations from scratch `global_step/critic` reads `nCritic·N` and `global_step/generator`
 * reads `N`. Every update is announced on {@link GanTrainer.events$}, to which hooks subscribe.
 *
 * The class is the run's lifecycle and its loop; its collaborators (`src/gan/trainer/`) are the
 * stop protocol, the iterations alone or as a replica (`IterationRunner`), the hooks' context,
 * resuming, and how a run ends. Build one with `createTrainer(config)`; every constructor
 * argument is a container token.
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
  /** The checkpoint the last `run()` resumed from, and its steps; unset for a fresh start. */
  resumedFrom: RestoredRun | undefined;
  private readonly outbox = new EventOutbox<TrainingEvent>();
  private readonly stops = new StopRequests((event) => this.announce(event));
  private running = false;
  /** Kept across runs, so a second `run()` reuses the traced functions. */
  private compiled: CompiledUpdates | undefined;

  /**
   * @param parts - the run's collaborators (`TOKENS.RunParts`).
   * @param startBackend - starts the backend; `run()` calls it first (`TOKENS.Backend`).
   * @param state - what the run's checkpoints hold (`TOKENS.RunState`).
   * @param hooks - the run's hooks, in binding order (`TOKENS.Hook`, multi-bound).
   * @param replicaGroup - the replicas this process trains with (`TOKENS.ReplicaGroup`);
   *   absent, it trains alone.
   */
  constructor(
    @inject(TOKENS.RunParts) private readonly parts: RunParts,
    @inject(TOKENS.Backend) private readonly startBackend: () => Promise<unknown>,
    @inject(TOKENS.RunState) private readonly state: RunState,
    @multiInject(TOKENS.Hook) @optional() private readonly hooks: Hook[] = [],
    @inject(TOKENS.ReplicaGroup) @optional() private readonly replicaGroup?: ReplicaGroup,
  ) {
    this.events$ = this.outbox.events$;
  }

  /** The validated, resolved settings (`TOKENS.Config`). */
  get settings(): TrainerSettings {
    return this.parts.settings;
  }

  /** The generator (`TOKENS.Generator`). */
  get generator(): GanModel {
    return this.parts.generator;
  }

  /** The critic (`TOKENS.Critic`). */
  get critic(): GanModel {
    return this.parts.critic;
  }

  /** `global_step/critic` and `global_step/generator` (`TOKENS.GlobalSteps`). */
  get globalSteps(): Readonly<Record<StepName, GlobalStep>> {
    return this.parts.steps;
  }

  /** The critic's and generator's losses (`TOKENS.Loss`). */
  get loss(): GanLoss {
    return this.parts.loss;
  }

  /** Where the real batches come from (`TOKENS.Dataset`). */
  get dataset(): Dataset {
    return this.parts.dataset;
  }

  /** The sampler of the run's latent batches (`TOKENS.NoiseSampler`). */
  get noise(): NoiseSampler {
    return this.parts.noise;
  }

  /** The moving average of the generator's weights (`emaDecay`), if the run keeps one. */
  get generatorAverage(): GeneratorAverager | undefined {
    return this.parts.average;
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
    if (this.running) this.stops.request(reason, source, options);
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
    this.stops.reset();
    try {
      await this.startBackend();
      const restored = await resumeRun(this.parts.checkpoints, this.state, this.parts.logger);
      if (restored !== undefined) this.resumedFrom = restored;
    } catch (error) {
      this.running = false;
      throw error;
    }
    const isChief = this.replicaGroup?.isChief ?? true;
    const hooks = this.hooks.filter((hook) => isChief || hook.chiefOnly !== true);
    const host = new HookHost(
      this.events$,
      hooks,
      hookContextFor(this.parts, {
        steps: () => this.steps,
        requestStop: (reason, options, source) => this.stop(reason, source, options),
        announce: (event) => this.announce(event),
      }),
    );
    try {
      return await this.train(host);
    } finally {
      // Hooks' writes queued on `error` go in before the writer closes.
      await host.settle();
      await closeSummaryWriter(this.parts.summaries, this.parts.logger);
      host.detach();
      this.running = false;
    }
  }

  /**
   * Everything this run needs to resume (variables, slots, averages, steps, RNG, dataset
   * position, Checkpointable hooks), under the names its checkpoints use.
   *
   * @returns the run's state (`TOKENS.RunState`, the same object each call); its first use
   *   creates the optimizer slots and moving averages that the first update would.
   */
  runState(): RunState {
    return this.state;
  }

  /** The loop: `begin`, then iterations until the runner says the run ends, then `endRun`. */
  private async train(host: HookHost): Promise<TrainingResult> {
    const runner = this.iterationRunner(host);
    let error: Error | undefined;
    try {
      this.announce({ kind: 'begin' });
      // A runner's promise is awaited only when it returns one, so a run alone keeps its turns.
      const started = runner.start();
      if (started !== undefined) await started;
      for (let iteration = 0; ; iteration++) {
        const end = runner.shouldEnd(iteration);
        if (typeof end === 'boolean' ? end : await end) break;
        const iterated = runner.iterate(iteration);
        if (iterated !== undefined) await iterated;
        // Lets timers, signals and hooks' file writes run between iterations.
        await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (thrown) {
      error = thrown instanceof Error ? thrown : new Error(String(thrown));
    }
    return endRun(
      {
        hooks: host,
        stops: this.stops,
        announce: (event) => this.announce(event),
        steps: () => this.steps,
        logger: this.parts.logger,
      },
      error,
    );
  }

  private iterationRunner(host: HookHost): IterationRunner {
    const control: RunControl = {
      failure: () => host.failure,
      pendingStop: () => this.stops.pending,
      requestStop: (reason, source, options) => this.stop(reason, source, options),
      settleHooks: () => host.settle(),
    };
    const io: IterationIo = {
      dataset: this.dataset,
      noise: this.noise,
      emit: (event) => this.outbox.emit(event),
      failed: () => host.failure !== undefined,
      stamp: () => this.stamp(),
    };
    const { critic, generator } = this.globalSteps;
    return iterationRunnerFor({
      parts: {
        ...this.parts,
        guards: host.guards,
        gradientObservers: host.gradientObservers,
        compiled: this.compiledUpdates(),
      },
      io,
      control,
      group: this.replicaGroup,
      replicatedState: [critic, generator, this.dataset, this.noise],
    });
  }

  /**
   * The compiled updates when the settings ask for them (`execution` compiled or auto); their
   * traces are counted in the run state, so checkpoints carry them.
   */
  private compiledUpdates(): CompiledUpdates | undefined {
    const { execution } = this.parts.settings;
    if (execution === 'eager' || this.compiled !== undefined) return this.compiled;
    const compiled = new CompiledUpdates(execution, this.parts.logger);
    this.state.compiledTraces.follow(() => compiled.traceCounts);
    this.compiled = compiled;
    return compiled;
  }

  /** In order even when a handler emits from inside another event (a stop request). */
  private announce(event: UnstampedEvent): void {
    this.outbox.emit({ ...event, ...this.stamp() });
  }

  private stamp(): { steps: StepCounts; time: number } {
    return { steps: this.steps, time: this.parts.clock.now() };
  }
}
