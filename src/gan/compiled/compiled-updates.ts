import {
  CompiledFunction,
  compiledFunctionsUnavailable,
  type NamedTensors,
} from '../../core/backend/tensorflow-trace/index.js';
import * as tf from '../../core/backend/tf.js';
import type { InGraphMean } from '../../core/distributed/in-graph-mean.js';
import type { StepCounts, StepName } from '../../core/events/training-event.js';
import type { Logger } from '../../core/logger.js';
import type { AppliedStep } from '../../core/optim/optimizer.js';
import {
  observeGradients,
  passesGuards,
  readScalars,
  type StepOutcome,
} from '../update/apply-update.js';
import type { StepParts } from '../update/step-parts.js';
import { criticUpdate, generatorUpdate } from '../update/update-step.js';
import { CompiledUpdateError } from './compiled-update-error.js';
import { criticDraws } from './critic-draws.js';
import { gradientsOf, metricsOf } from './named-outputs.js';
import { NO_IN_GRAPH_MEAN, withInstanceKey, type ReplicaShare } from './replica-share.js';
import { updateBody } from './update-body.js';

/** The loss and metrics of an update, read back. */
type ScalarValues = { loss: number; metrics: Record<string, number> };

/**
 * How updates run: `eager`, op by op from JavaScript; `compiled`, each update as one
 * TensorFlow function (the tensorflow backend; an update that cannot be traced is an error);
 * `auto`, compiled where the backend is tensorflow and the trace succeeds, else eager.
 */
export type ExecutionMode = 'eager' | 'compiled' | 'auto';

/**
 * The critic and generator updates run as compiled TensorFlow functions
 * ({@link CompiledFunction}): forward, gradients, global-norm clipping, the optimizer's update
 * and the critic's weight clipping and constraints in one call, with the same results and host
 * bookkeeping (global steps, the optimizer's batch count and learning rate) as the eager
 * updates in `src/gan/update/`. The update guards see the loss afterwards and, when one refuses,
 * the update is undone. A loss's random draws (WGAN-GP's ε, `GanLoss.criticDraws`) are made
 * before the call, from the same seed, and passed in. The learning rate at the step is an argument (a schedule does not
 * retrace); a trace is keyed by the batch shapes. With gradient observers the function also
 * returns the gradients, which the observers see after the update (and, unlike eager mode,
 * after the critic's weight clipping). Eager instead (in `auto`): an update whose trace failed,
 * from then on, and every update on other backends. The generator's moving average runs eagerly after its update.
 * A replica's update (`replicaCriticUpdate`, `replicaGeneratorUpdate`) also holds the replicas'
 * mean of its loss, metrics and gradients (`reduceInGraph`, CollectiveReduceV2) between the
 * gradients and the clipping; the collective's instance key is an argument, new each call.
 */
export class CompiledUpdates {
  readonly #mode: Exclude<ExecutionMode, 'eager'>;
  readonly #functions: Record<StepName, CompiledFunction<tf.Tensor[]>>;
  /** Updates whose trace failed: from then on they run eagerly, through `update-step.ts`. */
  readonly #eagerOnly = new Set<StepName>();
  readonly #logger: Logger;
  #parts: StepParts | undefined;
  #replica: ReplicaShare | undefined;
  #applied: AppliedStep | undefined;
  #reportedTcp = false;

  /**
   * @param mode - `compiled` (failures are errors) or `auto` (failures fall back to eager).
   * @param logger - where a failed trace is reported, once per reason.
   */
  constructor(mode: Exclude<ExecutionMode, 'eager'>, logger: Logger) {
    this.#mode = mode;
    this.#logger = logger;
    this.#functions = {
      critic: new CompiledFunction((lr, ...rest) => this.#body('critic', lr, rest), {
        name: 'critic_update',
        logger,
      }),
      generator: new CompiledFunction((lr, ...rest) => this.#body('generator', lr, rest), {
        name: 'generator_update',
        logger,
      }),
    };
  }

  /** How many times each update was traced, for the run log and `gantry inspect`. */
  get traceCounts(): Readonly<Record<StepName, number>> {
    return {
      critic: this.#functions.critic.traceCount,
      generator: this.#functions.generator.traceCount,
    };
  }

  /**
   * A critic update, as `criticUpdate` in `update-step.ts`.
   *
   * @param parts - the run's collaborators.
   * @param real - a real batch (caller disposes).
   * @param z - a latent batch (caller disposes).
   * @returns the numbers for the `critic-step` event.
   */
  criticUpdate(parts: StepParts, real: tf.Tensor, z: tf.Tensor): StepOutcome {
    return this.#run(parts, 'critic', [real, z]) ?? criticUpdate(eagerParts(parts), real, z);
  }

  /**
   * A generator update, as `generatorUpdate` in `update-step.ts`.
   *
   * @param parts - the run's collaborators.
   * @param z - a latent batch (caller disposes).
   * @returns the numbers for the `generator-step` event.
   */
  generatorUpdate(parts: StepParts, z: tf.Tensor): StepOutcome {
    const outcome = this.#run(parts, 'generator', [z]);
    if (outcome === undefined) return generatorUpdate(eagerParts(parts), z);
    if (!outcome.skipped) parts.average?.apply([...parts.generator.trainableVariables]);
    return outcome;
  }

  /**
   * One replica's critic update, as one function that holds the replicas' mean of the loss,
   * metrics and gradients (`reduceInGraph`) between the gradients and the optimizer's update,
   * so TensorFlow overlaps the ring with the rest of the step. Everything else is as
   * {@link criticUpdate}; WGAN-GP's ε is drawn for the global batch and this replica's rows are
   * passed in.
   *
   * @param parts - the run's collaborators.
   * @param real - this replica's rows of a real batch (caller disposes).
   * @param z - this replica's rows of a latent batch (caller disposes).
   * @param replica - the shard and the group's mean.
   * @returns the numbers for the `critic-step` event, or `undefined` when this update runs
   *   eagerly (`auto`, after a failed trace or without an in-graph mean): the caller then makes
   *   the eager replica update.
   * @throws ReplicaError naming the worker that stopped answering when the collective fails.
   */
  replicaCriticUpdate(
    parts: StepParts,
    real: tf.Tensor,
    z: tf.Tensor,
    replica: ReplicaShare,
  ): StepOutcome | undefined {
    return this.#run(parts, 'critic', [real, z], replica);
  }

  /**
   * One replica's generator update, compiled with the replicas' mean inside (see
   * {@link replicaCriticUpdate}); the moving average follows eagerly.
   *
   * @param parts - the run's collaborators.
   * @param z - this replica's rows of a latent batch (caller disposes).
   * @param replica - the shard and the group's mean.
   * @returns the numbers for the `generator-step` event, or `undefined` when it runs eagerly.
   */
  replicaGeneratorUpdate(
    parts: StepParts,
    z: tf.Tensor,
    replica: ReplicaShare,
  ): StepOutcome | undefined {
    const outcome = this.#run(parts, 'generator', [z], replica);
    if (outcome !== undefined && !outcome.skipped)
      parts.average?.apply([...parts.generator.trainableVariables]);
    return outcome;
  }

  /**
   * Whether a replica's updates go through this class: always under `compiled` (which refuses
   * what it cannot compile); under `auto` while the backend runs functions, the group has an
   * in-graph mean (said once when it has none) and an update is still compiled. Otherwise the
   * replica's iteration is the eager one, which draws the next batch while gradients travel.
   *
   * @param mean - the replicas' in-graph mean, when their group has one.
   * @returns true when the replica iteration should call {@link replicaCriticUpdate} and
   *   {@link replicaGeneratorUpdate}.
   */
  compilesReplicaUpdates(mean: InGraphMean | undefined): boolean {
    if (this.#mode === 'compiled') return true;
    if (compiledFunctionsUnavailable() !== undefined) return false;
    if (mean === undefined) {
      if (!this.#reportedTcp)
        this.#logger.warn(
          `replica updates: cannot compile them (${NO_IN_GRAPH_MEAN}); they run eagerly`,
        );
      this.#reportedTcp = true;
      return false;
    }
    return this.#eagerOnly.size < 2;
  }

  /** Removes the registered functions from TensorFlow's context. */
  dispose(): void {
    this.#functions.critic.dispose();
    this.#functions.generator.dispose();
  }

  #run(
    parts: StepParts,
    step: StepName,
    args: tf.Tensor[],
    replica?: ReplicaShare,
  ): StepOutcome | undefined {
    const fn = this.#functions[step];
    const unavailable = compiledFunctionsUnavailable() ?? this.#withoutMean(replica);
    if (unavailable !== undefined || this.#eagerOnly.has(step)) {
      if (this.#mode === 'compiled')
        throw new CompiledUpdateError(step, unavailable ?? fn.lastFailure);
      return undefined;
    }
    const optimizer = parts.optimizers[step];
    const globalStep = parts.steps[step];
    const learningRate = optimizer.learningRateAt(globalStep.value);
    const model = step === 'critic' ? parts.critic : parts.generator;
    optimizer.createSlots([...model.trainableVariables]);
    const before = { iterations: optimizer.iterations.value, step: globalStep.value };
    const called = this.#call(parts, step, learningRate, args, replica);
    const { values, skipped } = called;
    let applied: AppliedStep | undefined = called.applied;
    if (fn.lastMode === 'compiled') {
      if (!skipped) applied = optimizer.countAppliedBatch(learningRate, { globalStep });
    } else if (skipped) {
      // The traced (eager) run applied the update: its bookkeeping is undone with it.
      optimizer.iterations.assign(before.iterations);
      globalStep.assign(before.step);
      applied = undefined;
    }
    const read = values ?? { loss: Number.NaN, metrics: {} };
    return {
      loss: read.loss,
      metrics: read.metrics,
      learningRate: applied?.learningRate ?? optimizer.currentLearningRate(),
      effectiveLearningRate: applied?.effectiveLearningRate ?? optimizer.effectiveLearningRate(),
      skipped,
    };
  }

  /**
   * Calls the step's function (arguments: the rate, the replicas' instance key, the batches and
   * the critic's draws), lets the guards decide from its loss, shows the observers its
   * gradients, and frees what it made.
   */
  #call(
    parts: StepParts,
    step: StepName,
    learningRate: number,
    args: tf.Tensor[],
    replica: ReplicaShare | undefined,
  ): { values?: ScalarValues; skipped: boolean; applied: AppliedStep | undefined } {
    const fn = this.#functions[step];
    const observed = parts.gradientObservers.length > 0;
    // The guards see the steps before the update, as in eager mode, however the update ran.
    const steps: StepCounts = {
      critic: parts.steps.critic.value,
      generator: parts.steps.generator.value,
    };
    let values: ScalarValues | undefined;
    let skipped = false;
    this.#parts = parts;
    this.#replica = replica;
    this.#applied = undefined;
    const rate = tf.scalar(learningRate);
    const draws =
      step === 'critic'
        ? criticDraws(parts, parts.steps.critic.value, args[0]!, replica?.shard)
        : [];
    let result: NamedTensors = {};
    try {
      result = withInstanceKey(replica?.mean, (instanceKey) =>
        fn.call([rate, ...instanceKey, ...args, ...draws], {
          key: observed ? 'gradients' : '',
          accept: (named) => {
            values = readScalars(named['loss']!, metricsOf(named));
            skipped = !passesGuards(parts, step, values.loss, steps);
            return !skipped;
          },
        }),
      );
      if (fn.lastMode === 'eager') this.#eagerOnly.add(step);
      if (fn.lastMode === 'eager' && this.#mode === 'compiled')
        throw new CompiledUpdateError(step, fn.lastFailure);
      const model = step === 'critic' ? parts.critic : parts.generator;
      if (!skipped && observed) observeGradients(parts, step, gradientsOf(model, result));
    } finally {
      this.#replica = undefined;
      tf.dispose([rate, ...draws, ...Object.values(result)]);
    }
    return { ...(values === undefined ? {} : { values }), skipped, applied: this.#applied };
  }

  /**
   * Why a replica's update cannot be compiled: its group reduces host buffers (the TCP star),
   * which no TensorFlow function can hold.
   */
  #withoutMean(replica: ReplicaShare | undefined): string | undefined {
    return replica === undefined || replica.mean !== undefined ? undefined : NO_IN_GRAPH_MEAN;
  }

  /** The traced update, with the parts and replica of the call in progress. */
  #body(step: StepName, learningRate: tf.Tensor, args: tf.Tensor[]): NamedTensors {
    const parts = this.#parts;
    if (parts === undefined) throw new Error('CompiledUpdates: an update ran outside #run');
    const { named, applied } = updateBody(parts, step, learningRate, args, this.#replica);
    this.#applied = applied;
    return named;
  }
}

/** The parts without a compiled path, for the eager updates this class falls back to. */
function eagerParts(parts: StepParts): StepParts {
  return { ...parts, compiled: undefined };
}
