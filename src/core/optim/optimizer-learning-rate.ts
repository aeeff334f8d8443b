import type { GlobalStep } from './global-step.js';
import { checkLearningRate, evaluateLearningRate, type LearningRate } from './optimizer-args.js';

/**
 * An optimizer's learning rate through a run: the number or schedule in force, the global step
 * a schedule is read at, and the rate the last batch used, which that batch's effective step
 * size is computed from.
 */
export class OptimizerLearningRate {
  readonly #owner: string;
  readonly #iterations: GlobalStep;
  #rate: LearningRate;
  #lastGlobalStep: GlobalStep | undefined;
  #lastBatch: { readonly batch: number; readonly learningRate: number } | undefined;

  /**
   * @param owner - the optimizer's class name, for messages.
   * @param rate - the initial number or schedule.
   * @param iterations - the optimizer's own batch count, read when no global step was given.
   */
  constructor(owner: string, rate: LearningRate, iterations: GlobalStep) {
    this.#owner = owner;
    this.#rate = checkLearningRate(owner, rate);
    this.#iterations = iterations;
  }

  /**
   * Replaces the number or schedule from the next batch on.
   *
   * @param rate - a number ≥ 0 or a schedule `(step) => number`.
   */
  set(rate: LearningRate): void {
    this.#rate = checkLearningRate(this.#owner, rate);
  }

  /**
   * The rate at a step.
   *
   * @param step - the global step a schedule is evaluated at.
   * @returns the rate, a finite number ≥ 0.
   */
  at(step: number): number {
    return evaluateLearningRate(this.#owner, this.#rate, step);
  }

  /**
   * The rate the next batch will use: at the global step last recorded, else at the
   * optimizer's iterations.
   *
   * @returns the rate.
   */
  current(): number {
    return this.at(this.#clock().value);
  }

  /**
   * Remembers a batch just applied (the iterations already count it).
   *
   * @param learningRate - the rate it used.
   * @param globalStep - the global step it advanced, if any.
   */
  record(learningRate: number, globalStep: GlobalStep | undefined): void {
    this.#lastBatch = { batch: this.#iterations.value, learningRate };
    if (globalStep !== undefined) this.#lastGlobalStep = globalStep;
  }

  /**
   * The rate the last batch used (the one the iterations counted last).
   *
   * @returns the recorded rate; when that batch ran before a restore set the counts (in another
   *   process), the rate at the step before the current one, where the batch read it; undefined
   *   before the first batch.
   */
  last(): number | undefined {
    const batch = this.#iterations.value;
    if (batch === 0) return undefined;
    if (this.#lastBatch?.batch === batch) return this.#lastBatch.learningRate;
    return this.at(Math.max(0, this.#clock().value - 1));
  }

  #clock(): GlobalStep {
    return this.#lastGlobalStep ?? this.#iterations;
  }
}
