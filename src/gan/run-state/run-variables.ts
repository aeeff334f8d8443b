import type * as tf from '../../core/backend/tf.js';
import type { StepName } from '../../core/events/training-event.js';
import type { Optimizer } from '../../core/optim/optimizer.js';
import type { GanModel } from '../gan-model.js';
import type { GeneratorAverager } from '../generator-averager.js';
import { ResumeError } from './resume-error.js';

/** A moving average whose shadows a checkpoint can hold (`ExponentialMovingAverage` is one). */
export interface ShadowedAverager extends GeneratorAverager {
  /**
   * @param variable - an averaged variable.
   * @returns its shadow, or `undefined` before the first `apply`.
   */
  average(variable: tf.Variable): tf.Variable | undefined;
  /**
   * @param name - a variable's name.
   * @returns the shadow's name for it, `<name>/ExponentialMovingAverage`.
   */
  averageName(name: string): string;
}

/** The variables of a run, by role. */
export interface RunVariableParts {
  readonly generator: GanModel;
  readonly critic: GanModel;
  readonly optimizers: Readonly<Record<StepName, Optimizer>>;
  readonly average?: GeneratorAverager | undefined;
}

/**
 * Every variable a GAN run needs to resume, by canonical TensorFlow-style name:
 *
 * - the models' variables by `namedVariables` (layer weights by `originalName`);
 * - each optimizer's slots as `<variable>/<optimizer name>/<slot>`, e.g.
 *   `critic/dense/kernel/RMSProp/rms`;
 * - each optimizer's non-slot variables under their own names, e.g. `Adam/beta1_power` (two
 *   optimizers that keep non-slots need distinct `name`s: the CLI uses `Adam` and `Adam_1`, as a
 *   TensorFlow 1 graph would);
 * - the generator's moving averages as `<variable>/ExponentialMovingAverage`.
 *
 * Slots and shadows are created lazily by the first update; this creates the missing ones first
 * (an optimizer's `createSlots`, the average's `apply`, which leaves a new shadow equal to its
 * variable), so the set of names is the same before and after the first update.
 *
 * @param parts - the models, optimizers and moving average.
 * @returns the variables by checkpoint name.
 * @throws ResumeError when the average cannot name its shadows, or two names collide.
 */
export function runVariables(parts: RunVariableParts): Record<string, tf.Variable> {
  const named: Record<string, tf.Variable> = {};
  const add = (name: string, variable: tf.Variable): void => {
    if (Object.hasOwn(named, name)) {
      throw new ResumeError(
        `two variables of the run would be saved as ${name}; give the optimizers (or models) ` +
          `distinct names`,
      );
    }
    named[name] = variable;
  };
  for (const role of ['critic', 'generator'] as const) {
    const model = parts[role];
    const names = canonicalNames(model);
    for (const [name, variable] of Object.entries(modelVariables(model))) add(name, variable);
    addOptimizerVariables(parts.optimizers[role], model, names, add);
  }
  if (parts.average !== undefined) {
    const average = shadowed(parts.average);
    const trainable = [...parts.generator.trainableVariables];
    average.apply(trainable.filter((v) => average.average(v) === undefined));
    const names = canonicalNames(parts.generator);
    for (const variable of trainable) {
      const shadow = average.average(variable);
      if (shadow !== undefined) add(average.averageName(nameOf(names, variable)), shadow);
    }
  }
  return named;
}

function modelVariables(model: GanModel): Readonly<Record<string, tf.Variable>> {
  return (
    model.namedVariables ??
    Object.fromEntries(model.trainableVariables.map((variable) => [variable.name, variable]))
  );
}

function canonicalNames(model: GanModel): Map<tf.Variable, string> {
  return new Map(Object.entries(modelVariables(model)).map(([name, v]) => [v, name]));
}

function nameOf(names: Map<tf.Variable, string>, variable: tf.Variable): string {
  return names.get(variable) ?? variable.name;
}

function addOptimizerVariables(
  optimizer: Optimizer,
  model: GanModel,
  names: Map<tf.Variable, string>,
  add: (name: string, variable: tf.Variable) => void,
): void {
  const trainable = [...model.trainableVariables];
  optimizer.createSlots(trainable);
  const slots = new Set<tf.Variable>();
  for (const variable of trainable) {
    for (const slotName of optimizer.getSlotNames()) {
      const slot = optimizer.getSlot(variable, slotName);
      if (slot === null) continue;
      slots.add(slot);
      add(`${nameOf(names, variable)}/${optimizer.name}/${slotName}`, slot);
    }
  }
  // What is left are the non-slot variables (Adam's beta powers), named by the optimizer.
  for (const variable of optimizer.variables()) {
    if (!slots.has(variable) && variable.name.startsWith(`${optimizer.name}/`)) {
      add(variable.name, variable);
    }
  }
}

function shadowed(average: GeneratorAverager): ShadowedAverager {
  const candidate = average as Partial<ShadowedAverager>;
  if (typeof candidate.average !== 'function' || typeof candidate.averageName !== 'function') {
    throw new ResumeError(
      'the generator average has no average(variable) and averageName(name), so its shadows ' +
        'cannot be checkpointed; use ExponentialMovingAverage',
    );
  }
  return average as ShadowedAverager;
}
