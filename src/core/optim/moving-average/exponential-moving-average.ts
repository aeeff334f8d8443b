import * as tf from '../../backend/tf.js';
import { MovingAverageError } from './moving-average-error.js';
import {
  createShadow,
  shadowVariables,
  updateShadow,
  currentValue,
  type Averageable,
  type Shadow,
} from './shadow.js';
import { readStep, type StepSource } from './step-source.js';

/** Options of {@link ExponentialMovingAverage}; names follow `tf.train.ExponentialMovingAverage`. */
export interface ExponentialMovingAverageOptions {
  /** The decay, typically 0.999 or 0.9999; in [0, 1]. */
  decay: number;
  /**
   * Updates so far (usually the generator's global step); when given, the decay used is
   * `min(decay, (1 + numUpdates) / (10 + numUpdates))`, so averages move faster early on.
   */
  numUpdates?: StepSource;
  /** Debias averages of named tensors, which start at zero; default false. */
  zeroDebias?: boolean;
  /** The suffix of the shadows' names; default `ExponentialMovingAverage`. */
  name?: string;
}

/**
 * Moving averages of variables (and named tensors), as TensorFlow 1's
 * `tf.train.ExponentialMovingAverage`: `apply` creates a shadow per value, named
 * `<name>/ExponentialMovingAverage` and started at the variable's value, and at every call
 * moves it: `shadow -= (1 - decay) * (shadow - value)`. Evaluating a GAN's generator with the
 * averaged weights usually gives better samples than its last weights.
 *
 * The shadows are registered tfjs variables: call {@link ExponentialMovingAverage.dispose} when
 * done, or their names stay taken.
 *
 * @example
 * ```ts
 * const ema = new ExponentialMovingAverage({ decay: 0.999, numUpdates: steps.generator });
 * ema.apply(generatorVariables); // after each generator step
 * ema.average(generatorVariables[0]); // its shadow, `<name>/ExponentialMovingAverage`
 * const restoreMap = ema.variablesToRestore(generatorVariables); // names for a Saver
 * ```
 */
export class ExponentialMovingAverage {
  /** The suffix of the shadows' names. */
  readonly name: string;
  private readonly decay: number;
  private readonly numUpdates: StepSource | undefined;
  private readonly zeroDebias: boolean;
  private readonly shadows = new Map<string, Shadow>();

  /**
   * @param options - the decay, the optional update count, zero-debiasing and the name.
   * @throws MovingAverageError when `decay` is not a number in [0, 1] or `name` is empty.
   */
  constructor(options: ExponentialMovingAverageOptions) {
    const { decay } = options;
    if (typeof decay !== 'number' || !(decay >= 0 && decay <= 1)) {
      throw new MovingAverageError(
        `ExponentialMovingAverage: decay must be a number in [0, 1], got ${String(decay)}`,
      );
    }
    const name = options.name ?? 'ExponentialMovingAverage';
    if (name === '') throw new MovingAverageError('ExponentialMovingAverage: name is empty');
    this.decay = decay;
    this.numUpdates = options.numUpdates;
    this.zeroDebias = options.zeroDebias ?? false;
    this.name = name;
  }

  /**
   * Creates the shadows not made yet, then moves every shadow of `list` one step towards its
   * value. The first call leaves a variable's average equal to the variable.
   *
   * @param list - float32 variables, or named tensors (e.g. `{ name: 'loss', value: loss }`).
   * @throws MovingAverageError when a value is not float32 or changed shape.
   */
  apply(list: readonly Averageable[]): void {
    for (const item of list) this.check(item);
    for (const item of list) {
      if (!this.shadows.has(item.name)) this.create(item);
    }
    const decay = this.currentDecay();
    tf.tidy(() => {
      for (const item of list)
        updateShadow(this.shadows.get(item.name)!, currentValue(item), decay);
    });
  }

  /**
   * @param item - a variable or named tensor, or its name.
   * @returns the variable holding its moving average, or `undefined` if it is not averaged.
   */
  average(item: Averageable | string): tf.Variable | undefined {
    return this.shadows.get(typeof item === 'string' ? item : item.name)?.average;
  }

  /**
   * The name of the shadow of `item`, whether or not it exists yet:
   * `<item name>/<this.name>`, e.g. `generator/dense/kernel/ExponentialMovingAverage`.
   *
   * @param item - a variable or named tensor, or its name.
   * @returns the shadow's name, as checkpoints store it.
   */
  averageName(item: Averageable | string): string {
    return `${typeof item === 'string' ? item : item.name}/${this.name}`;
  }

  /**
   * The name map a Saver restores from, to load averages into the model for evaluation, as
   * TensorFlow's `variables_to_restore`: each variable of `movingAverageVariables` is read from
   * its shadow's name, and every other registered variable from its own name (a shadow is
   * never listed under its own name when it stands in for its variable).
   *
   * @param movingAverageVariables - the variables to load from their averages; default all
   *   trainable registered variables plus every variable this object averages.
   * @returns `{ nameInCheckpoint: variable }`.
   */
  variablesToRestore(movingAverageVariables?: readonly tf.Variable[]): Record<string, tf.Variable> {
    const registered = Object.values(tf.engine().registeredVariables);
    const averaged = movingAverageVariables ?? this.defaultRestoreList(registered);
    const map: Record<string, tf.Variable> = {};
    for (const variable of averaged) map[this.averageName(variable)] = variable;
    const averagedNames = new Set(averaged.map((variable) => variable.name));
    for (const variable of registered) {
      if (!averagedNames.has(variable.name) && !(variable.name in map)) {
        map[variable.name] = variable;
      }
    }
    return map;
  }

  /**
   * Lists the variables this object holds, for a Saver that checkpoints the averages.
   *
   * @returns the averages and any debias state, in creation order.
   */
  variables(): tf.Variable[] {
    return [...this.shadows.values()].flatMap(shadowVariables);
  }

  /** Disposes every shadow, freeing its memory and its name. */
  dispose(): void {
    for (const variable of this.variables()) variable.dispose();
    this.shadows.clear();
  }

  private currentDecay(): number {
    if (this.numUpdates === undefined) return this.decay;
    const n = readStep(this.numUpdates, 'ExponentialMovingAverage: numUpdates');
    return Math.min(this.decay, (1 + n) / (10 + n));
  }

  private create(item: Averageable): void {
    const name = this.averageName(item);
    if (tf.engine().registeredVariables[name] !== undefined) {
      throw new MovingAverageError(
        `ExponentialMovingAverage: a variable named ${name} already exists; dispose the ` +
          `ExponentialMovingAverage that made it, or give this one another name`,
      );
    }
    this.shadows.set(item.name, createShadow(item, name, this.zeroDebias));
  }

  private check(item: Averageable): void {
    const value = currentValue(item);
    if (value.dtype !== 'float32') {
      throw new MovingAverageError(
        `ExponentialMovingAverage: ${item.name} is ${value.dtype}; only float32 values can be averaged`,
      );
    }
    const shadow = this.shadows.get(item.name);
    if (shadow !== undefined && !sameShape(shadow.average.shape, value.shape)) {
      throw new MovingAverageError(
        `ExponentialMovingAverage: ${item.name} has shape [${value.shape.join(', ')}] but its ` +
          `average has shape [${shadow.average.shape.join(', ')}]; average it under another name`,
      );
    }
  }

  private defaultRestoreList(registered: readonly tf.Variable[]): tf.Variable[] {
    const sources = [...this.shadows.values()].flatMap((s) => (s.source ? [s.source] : []));
    return [...new Set([...registered.filter((v) => v.trainable), ...sources])];
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
