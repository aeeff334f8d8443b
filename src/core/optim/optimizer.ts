import * as tf from '../backend/tf.js';
import { consoleLogger, type Logger } from '../logger.js';
import { GlobalStep } from './global-step.js';
import {
  computeGradients,
  type ComputeGradientsOptions,
  type GateGradients,
  type GradAndVar,
  type GradientsAndLoss,
  type LossFn,
} from './gradients.js';
import type { LearningRate } from './optimizer-args.js';
import { OptimizerError } from './optimizer-error.js';
import { OptimizerLearningRate } from './optimizer-learning-rate.js';
import { usablePairs } from './optimizer-pairs.js';
import { SlotStore, type NonSlotSpec, type SlotReader, type SlotSpec } from './optimizer-slots.js';

export type { NonSlotSpec, SlotReader, SlotSpec } from './optimizer-slots.js';

/** Options every optimizer takes. */
export interface OptimizerOptions {
  /** A number, or a schedule evaluated at the global step of each batch. */
  learningRate: LearningRate;
  /** The name slot variables are filed under (`<var>/<name>/<slot>`); default TensorFlow's. */
  name?: string;
  /** Where the "no gradient for variable" notice goes; default stderr. */
  logger?: Logger;
}

/** Options of {@link Optimizer.applyGradients}. */
export interface ApplyGradientsOptions {
  /** Evaluates the schedule at this step, then is incremented once the variables are updated. */
  globalStep?: GlobalStep;
  /**
   * The learning rate as a tensor the caller owns, holding {@link Optimizer.learningRateAt}
   * the step: a compiled update passes its argument here, so that the rate is an input of the
   * traced function rather than a constant baked into it. Default: made from the schedule.
   */
  learningRateTensor?: tf.Scalar;
}

/** Options of {@link Optimizer.minimize}. */
export interface MinimizeOptions extends ApplyGradientsOptions {
  /** The variables to update; default every trainable variable. */
  varList?: tf.Variable[];
  /** Accepted for compatibility with `tf.train`; see {@link GateGradients}. */
  gateGradients?: GateGradients;
}

/** What one {@link Optimizer.applyGradients} call did. */
export interface AppliedStep {
  /** The global step (or the optimizer's own count) the learning rate was evaluated at. */
  step: number;
  /** The learning rate the update used. */
  learningRate: number;
  /** The update's effective step size; see {@link Optimizer.effectiveLearningRate}. */
  effectiveLearningRate: number;
}

/**
 * The base of gantry's optimizers: TensorFlow 1's `tf.train.Optimizer` on TensorFlow.js.
 *
 * It owns the learning rate (a number or a schedule, changeable between batches), the slots
 * (one set per variable, named `<var>/<name>/<slot>` and addressable with
 * {@link Optimizer.getSlot}), the non-slot variables, and the bookkeeping of a step: skip
 * variables without a gradient (saying so once), evaluate the learning rate at the global
 * step, update every variable inside one `tf.tidy`, then count the batch. Subclasses supply
 * only the slot declarations and the per-variable update formula.
 */
export abstract class Optimizer {
  /** The name slots are filed under, e.g. `RMSProp` in `critic/dense/kernel/RMSProp/rms`. */
  readonly name: string;
  /** The optimizer's own count of applied batches; a schedule uses it when no global step is given. */
  readonly iterations: GlobalStep;
  /** The class name, for messages. */
  protected readonly owner: string;
  readonly #logger: Logger;
  readonly #learningRate: OptimizerLearningRate;
  readonly #store: SlotStore;
  readonly #warnedNoGradient = new Set<string>();

  /**
   * @param owner - the subclass's name, for messages (`AdamOptimizer`).
   * @param defaultName - TensorFlow's default `name` (`Adam`).
   * @param options - the learning rate, name and logger.
   */
  protected constructor(owner: string, defaultName: string, options: OptimizerOptions) {
    this.owner = owner;
    this.name = options.name ?? defaultName;
    if (this.name.length === 0) throw new OptimizerError(`${owner}: name must not be empty`);
    this.#logger = options.logger ?? consoleLogger;
    this.iterations = new GlobalStep(`${this.name}/iterations`);
    this.#learningRate = new OptimizerLearningRate(owner, options.learningRate, this.iterations);
    this.#store = new SlotStore(owner, this.name);
  }

  /**
   * The slots this optimizer keeps per variable, in TensorFlow's names.
   *
   * @returns one spec per slot.
   */
  protected abstract slotSpecs(): readonly SlotSpec[];

  /**
   * Updates one variable and its slots from its gradient (assigning new values); runs inside
   * the step's `tf.tidy`, so intermediate tensors need no disposal.
   *
   * @param grad - the variable's gradient, of its shape.
   * @param variable - the variable to update.
   * @param slot - reads this variable's slots by name.
   * @param learningRate - the step size from {@link Optimizer.prepare}.
   */
  protected abstract applyDense(
    grad: tf.Tensor,
    variable: tf.Variable,
    slot: SlotReader,
    learningRate: tf.Scalar,
  ): void;

  /**
   * The scalar variables kept once per optimizer; none by default.
   *
   * @returns one spec per variable.
   */
  protected nonSlotSpecs(): readonly NonSlotSpec[] {
    return [];
  }

  /**
   * The step size every variable's update uses this batch; runs inside the step's `tf.tidy`.
   *
   * @param learningRate - the learning rate of this batch.
   * @returns the learning rate itself by default (Adam: its alpha_t).
   */
  protected prepare(learningRate: tf.Scalar): tf.Scalar {
    return learningRate;
  }

  /** Runs after every variable is updated (Adam advances its beta powers); nothing by default. */
  protected finish(): void {}

  /**
   * The effective step size of batch `t` on the host, the number {@link Optimizer.prepare}
   * computes on the device, so reporting it costs no device read.
   *
   * @param learningRate - the learning rate of that batch.
   * @param _t - the batch's number in this optimizer's count, from 1.
   * @returns the learning rate itself by default (Adam: its alpha_t).
   */
  protected stepSize(learningRate: number, _t: number): number {
    return learningRate;
  }

  /**
   * A non-slot variable by its short name; created by {@link Optimizer.createSlots}.
   *
   * @param name - e.g. `beta1_power`.
   * @returns the variable, or `null` before the first batch.
   */
  protected nonSlot(name: string): tf.Variable | null {
    return this.#store.nonSlot(name);
  }

  /**
   * Computes the loss's gradients and applies them: TensorFlow 1's `minimize`.
   *
   * @example
   * ```ts
   * const loss = optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x) as tf.Tensor), {
   *   globalStep,
   * });
   * loss.dispose();
   * ```
   * @param lossFn - computes the loss (or several, summed) from the variables.
   * @param options - the global step, the variables to update, `gateGradients`.
   * @returns the loss as a scalar the caller disposes.
   */
  minimize(lossFn: LossFn, options: MinimizeOptions = {}): tf.Scalar {
    const { loss, gradsAndVars } = this.computeGradients(lossFn, options.varList, {
      gateGradients: options.gateGradients,
    });
    try {
      this.applyGradients(gradsAndVars, { globalStep: options.globalStep });
    } finally {
      tf.dispose(gradsAndVars.map(([grad]) => grad).filter((grad) => grad !== null));
    }
    return loss;
  }

  /**
   * Computes the gradients of a loss, as the standalone `computeGradients` does.
   *
   * @param lossFn - computes the loss (or several, summed) from the variables.
   * @param varList - the variables to differentiate; default every trainable variable.
   * @param options - `gateGradients`, accepted for compatibility; see {@link GateGradients}.
   * @returns the loss and one `[grad | null, variable]` pair per variable; the caller disposes them.
   */
  computeGradients(
    lossFn: LossFn,
    varList?: tf.Variable[],
    options: ComputeGradientsOptions = {},
  ): GradientsAndLoss {
    return computeGradients(lossFn, varList, options);
  }

  /**
   * Updates each variable from its gradient, then counts the batch.
   *
   * The learning rate is evaluated at `globalStep.value` (else at {@link Optimizer.iterations});
   * slots are created on a variable's first update; pairs whose gradient is `null` are skipped,
   * with one warning per variable. Afterwards `globalStep` and `iterations` each grow by one.
   * The gradients stay owned by the caller.
   *
   * @param gradsAndVars - `[grad | null, variable]` pairs, e.g. from `computeGradients`.
   * @param options - the global step to read and increment.
   * @returns the step the learning rate was evaluated at, the rate used and the effective step
   *   size.
   * @throws OptimizerError when no pair has a gradient, a variable appears twice, or a gradient's
   *   shape differs from its variable's.
   */
  applyGradients(gradsAndVars: GradAndVar[], options: ApplyGradientsOptions = {}): AppliedStep {
    const pairs = usablePairs(this.owner, gradsAndVars, (v) => this.#warnNoGradient(v));
    const learningRate = this.learningRateAt((options.globalStep ?? this.iterations).value);
    this.createSlots(pairs.map(([, variable]) => variable));
    tf.tidy(() => {
      const stepSize = this.prepare(options.learningRateTensor ?? tf.scalar(learningRate));
      for (const [grad, variable] of pairs) {
        this.applyDense(grad, variable, this.#store.reader(variable), stepSize);
      }
      this.finish();
    });
    return this.countAppliedBatch(learningRate, options);
  }

  /**
   * Counts a batch whose update has been applied to the variables and slots: the bookkeeping
   * {@link Optimizer.applyGradients} does after updating (the learning rate it used recorded,
   * `globalStep` and `iterations` each one more). A compiled update, which ran the same
   * update as one TensorFlow function, calls this instead of `applyGradients`.
   *
   * @param learningRate - the rate the update used: {@link Optimizer.learningRateAt} the step.
   * @param options - the global step the update read and advances.
   * @returns the step the learning rate was evaluated at, the rate used and the effective step
   *   size, as `applyGradients` returns them.
   */
  countAppliedBatch(learningRate: number, options: ApplyGradientsOptions = {}): AppliedStep {
    const step = (options.globalStep ?? this.iterations).value;
    const effectiveLearningRate = this.stepSize(learningRate, this.iterations.value + 1);
    this.iterations.increment();
    options.globalStep?.increment();
    this.#learningRate.record(learningRate, options.globalStep);
    return { step, learningRate, effectiveLearningRate };
  }

  /**
   * The learning rate a batch applied at this global step uses (the schedule evaluated there).
   *
   * @param step - the global step passed to {@link Optimizer.applyGradients}, or the
   *   optimizer's own count when none is.
   * @returns the rate.
   */
  learningRateAt(step: number): number {
    return this.#learningRate.at(step);
  }

  /**
   * Creates the slots of these variables and the optimizer's non-slot variables, if missing,
   * without updating anything: what a checkpoint restore needs before the first batch.
   *
   * @param varList - the variables this optimizer will update.
   * @throws OptimizerError when a slot's name is already taken (another optimizer with the same
   *   `name` updates the same variable).
   */
  createSlots(varList: tf.Variable[]): void {
    this.#store.create(varList, this.slotSpecs(), this.nonSlotSpecs());
  }

  /**
   * The names of the slots this optimizer keeps per variable, sorted, as TensorFlow lists them.
   *
   * @returns e.g. `['m', 'v']` for Adam.
   */
  getSlotNames(): string[] {
    return this.slotSpecs()
      .map((spec) => spec.name)
      .sort();
  }

  /**
   * One slot of one variable, e.g. RMSProp's `rms` accumulator of a kernel.
   *
   * @param variable - the variable the slot belongs to.
   * @param name - the slot's TensorFlow name (see {@link Optimizer.getSlotNames}).
   * @returns the slot variable, or `null` when the variable has not been updated yet or the
   *   optimizer keeps no such slot.
   */
  getSlot(variable: tf.Variable, name: string): tf.Variable | null {
    return this.#store.get(variable, name);
  }

  /**
   * Every variable this optimizer created, slot and non-slot, sorted by their TensorFlow-style
   * names (`critic/dense/kernel/Adam/m`, `Adam/beta1_power`), for checkpoints.
   *
   * @returns the variables; they stay owned by the optimizer.
   */
  variables(): tf.Variable[] {
    return this.#store.variables();
  }

  /**
   * The learning rate the next batch will use: the schedule evaluated at the global step last
   * passed to {@link Optimizer.applyGradients} (or at {@link Optimizer.iterations}).
   *
   * @returns the rate.
   */
  currentLearningRate(): number {
    return this.#learningRate.current();
  }

  /**
   * The effective step size of the last batch applied: Adam's alpha_t; for GradientDescent,
   * Momentum, RMSProp, Adagrad, Adadelta and Ftrl, the learning rate that batch used (what their
   * accumulators make of it differs per coordinate, so no other single number describes it).
   * Computed on the host from {@link Optimizer.iterations}, which checkpoints save: no device
   * read, and a resumed run reports what the uninterrupted one would.
   *
   * @returns the step size, or NaN before the first batch.
   */
  effectiveLearningRate(): number {
    const learningRate = this.#learningRate.last();
    return learningRate === undefined ? NaN : this.stepSize(learningRate, this.iterations.value);
  }

  /**
   * The effective step size the next batch will use, at {@link Optimizer.currentLearningRate}.
   *
   * @returns the step size of batch `iterations + 1`.
   */
  nextEffectiveLearningRate(): number {
    return this.stepSize(this.currentLearningRate(), this.iterations.value + 1);
  }

  /**
   * Replaces the learning rate from the next batch on; a learning-rate hook calls this.
   *
   * @param learningRate - a number ≥ 0 or a schedule `(step) => number`.
   */
  setLearningRate(learningRate: LearningRate): void {
    this.#learningRate.set(learningRate);
  }

  /** Disposes every slot and non-slot variable, freeing their names for another optimizer. */
  dispose(): void {
    this.#store.dispose();
  }

  #warnNoGradient(variable: tf.Variable): void {
    if (this.#warnedNoGradient.has(variable.name)) return;
    this.#warnedNoGradient.add(variable.name);
    this.#logger.warn(
      `${this.owner} ${this.name}: variable ${variable.name} has no gradient (the loss does ` +
        'not reach it); it is not updated',
    );
  }
}
