import {
  CompiledFunction,
  compiledFunctionsUnavailable,
  type NamedTensors,
} from '../../core/backend/tensorflow-trace/index.js';
import * as tf from '../../core/backend/tf.js';
import type { StepCounts, StepName } from '../../core/events/training-event.js';
import type { Logger } from '../../core/logger.js';
import type { AppliedStep } from '../../core/optim/optimizer.js';
import { deriveSeed } from '../../core/random/derive-seed.js';
import {
  clipGradients,
  constrainCritic,
  observeGradients,
  passesGuards,
  readScalars,
  type StepOutcome,
} from '../update/apply-update.js';
import {
  computeCriticUpdate,
  computeGeneratorUpdate,
  generateFakes,
} from '../update/compute-update.js';
import type { StepParts } from '../update/step-parts.js';
import { criticUpdate, generatorUpdate } from '../update/update-step.js';
import type { GanModel } from '../gan-model.js';
import { CompiledUpdateError } from './compiled-update-error.js';

/**
 * How updates run: `eager`, op by op from JavaScript; `compiled`, each update as one
 * TensorFlow function (the tensorflow backend; an update that cannot be traced is an error);
 * `auto`, compiled where the backend is tensorflow and the trace succeeds, else eager.
 */
export type ExecutionMode = 'eager' | 'compiled' | 'auto';

const METRIC = 'metric/';
const GRADIENT = 'gradient/';

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
 */
export class CompiledUpdates {
  readonly #mode: Exclude<ExecutionMode, 'eager'>;
  readonly #functions: Record<StepName, CompiledFunction<tf.Tensor[]>>;
  /** Updates whose trace failed: from then on they run eagerly, through `update-step.ts`. */
  readonly #eagerOnly = new Set<StepName>();
  #parts: StepParts | undefined;
  #applied: AppliedStep | undefined;

  /**
   * @param mode - `compiled` (failures are errors) or `auto` (failures fall back to eager).
   * @param logger - where a failed trace is reported, once per reason.
   */
  constructor(mode: Exclude<ExecutionMode, 'eager'>, logger: Logger) {
    this.#mode = mode;
    this.#functions = {
      critic: new CompiledFunction((lr, ...rest) => this.#body('critic', lr, rest), {
        name: 'critic_update',
        logger,
      }),
      generator: new CompiledFunction((lr, z) => this.#body('generator', lr, [z]), {
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

  /** Removes the registered functions from TensorFlow's context. */
  dispose(): void {
    this.#functions.critic.dispose();
    this.#functions.generator.dispose();
  }

  #run(parts: StepParts, step: StepName, args: tf.Tensor[]): StepOutcome | undefined {
    const fn = this.#functions[step];
    const optimizer = parts.optimizers[step];
    const globalStep = parts.steps[step];
    const learningRate = optimizer.learningRateAt(globalStep.value);
    const observed = parts.gradientObservers.length > 0;
    const key = observed ? 'gradients' : '';
    const unavailable = compiledFunctionsUnavailable();
    if (unavailable !== undefined || this.#eagerOnly.has(step)) {
      if (this.#mode === 'compiled')
        throw new CompiledUpdateError(step, unavailable ?? fn.lastFailure);
      return undefined;
    }
    const rate = tf.scalar(learningRate);
    const model = step === 'critic' ? parts.critic : parts.generator;
    optimizer.createSlots([...model.trainableVariables]);
    const before = { iterations: optimizer.iterations.value, step: globalStep.value };
    // The guards see the steps before the update, as in eager mode, however the update ran.
    const steps: StepCounts = {
      critic: parts.steps.critic.value,
      generator: parts.steps.generator.value,
    };
    let values: { loss: number; metrics: Record<string, number> } | undefined;
    let skipped = false;
    this.#parts = parts;
    this.#applied = undefined;
    const draws =
      step === 'critic'
        ? (parts.loss.criticDraws?.({
            seed: deriveSeed(parts.settings.seed, 'critic-loss', globalStep.value + 1),
            realShape: (args[0] as tf.Tensor).shape,
          }) ?? [])
        : [];
    const result = fn.call([rate, ...args, ...draws], {
      key,
      accept: (named) => {
        values = readScalars(named['loss']!, metricsOf(named));
        skipped = !passesGuards(parts, step, values.loss, steps);
        return !skipped;
      },
    });
    if (fn.lastMode === 'eager') this.#eagerOnly.add(step);
    try {
      if (fn.lastMode === 'eager' && this.#mode === 'compiled')
        throw new CompiledUpdateError(step, fn.lastFailure);
      if (!skipped && observed) observeGradients(parts, step, gradientsOf(model, result));
    } finally {
      tf.dispose([rate, ...draws, ...Object.values(result)]);
    }
    let applied: AppliedStep | undefined = this.#applied;
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

  /** The traced update: what `update-step.ts` does between the draws and the step event. */
  #body(step: StepName, learningRate: tf.Tensor, args: tf.Tensor[]): NamedTensors {
    const parts = this.#parts;
    if (parts === undefined) throw new Error('CompiledUpdates: an update ran outside #run');
    return tf.tidy(() => {
      const [first, second, ...draws] = args as [tf.Tensor, tf.Tensor, ...tf.Tensor[]];
      const computed =
        step === 'critic'
          ? computeCriticUpdate(withDraws(parts, draws), first, generateFakes(parts, second))
          : computeGeneratorUpdate(parts, first);
      const result: NamedTensors = { loss: computed.loss };
      for (const [name, metric] of Object.entries(computed.metrics))
        result[`${METRIC}${name}`] = metric;
      const { gradsAndVars, norm } = clipGradients(
        computed.gradsAndVars,
        parts.settings.gradientClipNorm,
      );
      if (norm !== undefined) result[`${METRIC}gradient_norm/${step}`] = norm;
      this.#applied = parts.optimizers[step].applyGradients(gradsAndVars, {
        globalStep: parts.steps[step],
        learningRateTensor: learningRate as tf.Scalar,
      });
      if (parts.gradientObservers.length > 0) {
        const variables =
          step === 'critic' ? parts.critic.trainableVariables : parts.generator.trainableVariables;
        gradsAndVars.forEach(([grad, variable]) => {
          if (grad !== null) result[`${GRADIENT}${variables.indexOf(variable)}`] = grad;
        });
      }
      if (step === 'critic') constrainCritic(parts);
      return result;
    });
  }
}

/** The parts with a loss that reads the draws made before the call (arguments of the function). */
function withDraws(parts: StepParts, draws: tf.Tensor[]): StepParts {
  if (draws.length === 0) return parts;
  const { loss } = parts;
  return {
    ...parts,
    loss: {
      name: loss.name,
      criticLoss: (inputs) => loss.criticLoss({ ...inputs, draws }),
      generatorLoss: (fakeScores) => loss.generatorLoss(fakeScores),
    },
  };
}

/** The parts without a compiled path, for the eager updates this class falls back to. */
function eagerParts(parts: StepParts): StepParts {
  return { ...parts, compiled: undefined };
}

/**
 * The update's (clipped) gradients as the function returned them, for the gradient observers.
 * Unlike eager mode the observers see them after the critic's weight clipping, which ran inside
 * the function.
 */
function gradientsOf(model: GanModel, result: NamedTensors): [tf.Tensor, tf.Variable][] {
  const gradsAndVars: [tf.Tensor, tf.Variable][] = [];
  model.trainableVariables.forEach((variable, i) => {
    const grad = result[`${GRADIENT}${i}`];
    if (grad !== undefined) gradsAndVars.push([grad, variable]);
  });
  return gradsAndVars;
}

/** The step's metrics among the function's outputs, by their names without the prefix. */
function metricsOf(named: NamedTensors): Record<string, tf.Tensor> {
  const metrics: Record<string, tf.Tensor> = {};
  for (const [name, tensor] of Object.entries(named))
    if (name.startsWith(METRIC)) metrics[name.slice(METRIC.length)] = tensor;
  return metrics;
}
