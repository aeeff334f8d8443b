import { ScheduleError } from './schedule.js';

/** Options of `reduceOnPlateau`; semantics and defaults follow `tf.keras.callbacks.ReduceLROnPlateau`. */
export interface ReduceOnPlateauOptions {
  /** The learning rate before any reduction. */
  initialLearningRate: number;
  /** Metric values without improvement after which the rate is reduced; default 10. */
  patience?: number;
  /** The rate is multiplied by `factor` when reduced; default 0.1, must be in [0, 1). */
  factor?: number;
  /** Metric values to ignore after a reduction before counting again; default 0. */
  cooldown?: number;
  /** The rate never goes below `minLr` (Keras's `min_lr`); default 0. */
  minLr?: number;
  /** `min`: lower is better (a loss); `max`: higher is better; default `min`. */
  mode?: 'min' | 'max';
  /** An improvement must beat the best value by more than `minDelta`; default 1e-4. */
  minDelta?: number;
}

/**
 * Everything `reduceOnPlateau` remembers between metric values, as plain JSON-safe data so a
 * checkpoint can save it and `setState` can restore it.
 */
export interface ReduceOnPlateauState {
  /** The best metric value so far; `null` before the first one. */
  best: number | null;
  /** Metric values since the last improvement or reduction. */
  wait: number;
  /** Metric values still to be ignored after the last reduction. */
  cooldownCounter: number;
  /** The current learning rate. */
  learningRate: number;
}

/**
 * The state machine behind `reduceOnPlateau`, one metric value at a time, in the order Keras's
 * `ReduceLROnPlateau.on_epoch_end` updates its counters.
 */
export class PlateauTracker {
  private readonly patience: number;
  private readonly factor: number;
  private readonly cooldown: number;
  private readonly minLr: number;
  private readonly mode: 'min' | 'max';
  private readonly minDelta: number;
  private state: ReduceOnPlateauState;

  /**
   * @param options - the initial rate and when and how far to reduce it.
   * @throws ScheduleError when an option is out of range.
   */
  constructor(options: ReduceOnPlateauOptions) {
    this.patience = count('patience', options.patience ?? 10);
    this.factor = number('factor', options.factor ?? 0.1);
    if (this.factor < 0 || this.factor >= 1) {
      throw new ScheduleError(
        `reduceOnPlateau: factor must be in [0, 1) so that the rate goes down, got ${this.factor}`,
      );
    }
    this.cooldown = count('cooldown', options.cooldown ?? 0);
    this.minLr = number('minLr', options.minLr ?? 0);
    this.minDelta = number('minDelta', options.minDelta ?? 1e-4);
    const mode = options.mode ?? 'min';
    if (mode !== 'min' && mode !== 'max') {
      throw new ScheduleError(`reduceOnPlateau: mode must be "min" or "max", got ${String(mode)}`);
    }
    this.mode = mode;
    const learningRate = number('initialLearningRate', options.initialLearningRate);
    this.state = { best: null, wait: 0, cooldownCounter: 0, learningRate };
  }

  /**
   * Takes one metric value.
   *
   * @param metric - the latest value of the watched metric.
   * @returns the new learning rate when this value made it change, else `undefined`.
   */
  observe(metric: number): number | undefined {
    const s = this.state;
    if (s.cooldownCounter > 0) {
      s.cooldownCounter -= 1;
      s.wait = 0;
    }
    if (this.improves(metric)) {
      s.best = metric;
      s.wait = 0;
      return undefined;
    }
    if (s.cooldownCounter > 0) return undefined;
    s.wait += 1;
    // Keras compares the float32 values its optimizer holds; so must we, or a rate that rounds
    // to minLr would be "reduced" by a few ulps and emitted as a change.
    if (s.wait < this.patience || Math.fround(s.learningRate) <= Math.fround(this.minLr)) {
      return undefined;
    }
    const reduced = Math.max(s.learningRate * this.factor, this.minLr);
    s.cooldownCounter = this.cooldown;
    s.wait = 0;
    if (reduced === s.learningRate) return undefined;
    s.learningRate = reduced;
    return reduced;
  }

  /**
   * Reads the state, for a checkpoint.
   *
   * @returns a copy of the current state.
   */
  getState(): ReduceOnPlateauState {
    return { ...this.state };
  }

  /**
   * Replaces the state, e.g. with one read back from a checkpoint.
   *
   * @param state - a state earlier returned by {@link PlateauTracker.getState}.
   * @throws ScheduleError when a field is missing or out of range.
   */
  setState(state: ReduceOnPlateauState): void {
    if (state.best !== null && typeof state.best !== 'number') {
      throw new ScheduleError(`reduceOnPlateau state: best must be a number or null`);
    }
    this.state = {
      best: state.best,
      wait: count('state.wait', state.wait),
      cooldownCounter: count('state.cooldownCounter', state.cooldownCounter),
      learningRate: number('state.learningRate', state.learningRate),
    };
  }

  private improves(metric: number): boolean {
    const best = this.state.best ?? (this.mode === 'min' ? Infinity : -Infinity);
    return this.mode === 'min' ? metric < best - this.minDelta : metric > best + this.minDelta;
  }
}

function number(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ScheduleError(
      `reduceOnPlateau: ${argument} must be a finite number >= 0, got ${String(value)}`,
    );
  }
  return value;
}

function count(argument: string, value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new ScheduleError(
      `reduceOnPlateau: ${argument} must be an integer >= 0, got ${String(value)}`,
    );
  }
  return value as number;
}
