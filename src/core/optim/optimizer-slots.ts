import * as tf from '../backend/tf.js';
import { OptimizerError } from './optimizer-error.js';

/** How a subclass declares a slot: its TensorFlow name and its initial value for a variable. */
export interface SlotSpec {
  name: string;
  initialValue: (variable: tf.Variable) => tf.Tensor;
}

/** A scalar variable an optimizer keeps once, not per variable (Adam's `beta1_power`). */
export interface NonSlotSpec {
  name: string;
  initialValue: number;
}

/** Reads one slot of the variable being updated; throws if the optimizer declared no such slot. */
export type SlotReader = (name: string) => tf.Variable;

/**
 * The variables one optimizer owns: per-variable slots named `<var>/<optimizer>/<slot>` and
 * non-slot scalars named `<optimizer>/<name>`. Slots are keyed by the variable's name, which
 * TensorFlow.js keeps unique. Every variable here is non-trainable, so a default `varList`
 * never differentiates an optimizer's own state.
 */
export class SlotStore {
  readonly #owner: string;
  readonly #prefix: string;
  readonly #slots = new Map<string, Map<string, tf.Variable>>();
  readonly #nonSlots = new Map<string, tf.Variable>();

  /**
   * @param owner - the optimizer class, for messages.
   * @param prefix - the optimizer's `name`, the middle part of every slot name.
   */
  constructor(owner: string, prefix: string) {
    this.#owner = owner;
    this.#prefix = prefix;
  }

  /**
   * Creates what is missing: the non-slot variables, and each variable's slots.
   *
   * @param varList - the variables to give slots.
   * @param slotSpecs - the slots each variable gets.
   * @param nonSlotSpecs - the scalars kept once.
   */
  create(
    varList: tf.Variable[],
    slotSpecs: readonly SlotSpec[],
    nonSlotSpecs: readonly NonSlotSpec[],
  ): void {
    for (const spec of nonSlotSpecs) {
      if (this.#nonSlots.has(spec.name)) continue;
      const name = uniqueName(`${this.#prefix}/${spec.name}`);
      this.#nonSlots.set(
        spec.name,
        this.#makeVariable(name, () => tf.scalar(spec.initialValue)),
      );
    }
    for (const variable of varList) {
      if (this.#slots.has(variable.name)) continue;
      const slots = new Map<string, tf.Variable>();
      for (const spec of slotSpecs) {
        const name = `${variable.name}/${this.#prefix}/${spec.name}`;
        slots.set(
          spec.name,
          this.#makeVariable(name, () => spec.initialValue(variable)),
        );
      }
      this.#slots.set(variable.name, slots);
    }
  }

  /**
   * One slot of one variable.
   *
   * @param variable - the variable the slot belongs to.
   * @param name - the slot's short name (`m`).
   * @returns the slot, or `null` when absent.
   */
  get(variable: tf.Variable, name: string): tf.Variable | null {
    return this.#slots.get(variable.name)?.get(name) ?? null;
  }

  /**
   * A non-slot variable.
   *
   * @param name - its short name (`beta1_power`).
   * @returns the variable, or `null` when absent.
   */
  nonSlot(name: string): tf.Variable | null {
    return this.#nonSlots.get(name) ?? null;
  }

  /**
   * A reader of one variable's slots, for the update formula.
   *
   * @param variable - the variable being updated.
   * @returns a function from slot name to slot variable that throws on an unknown name.
   */
  reader(variable: tf.Variable): SlotReader {
    return (name) => {
      const slot = this.get(variable, name);
      if (slot === null) {
        throw new OptimizerError(`${this.#owner}: no slot ${name} for variable ${variable.name}`);
      }
      return slot;
    };
  }

  /**
   * Every slot and non-slot variable.
   *
   * @returns the variables, sorted by name.
   */
  variables(): tf.Variable[] {
    const all = [...this.#nonSlots.values()];
    for (const slots of this.#slots.values()) all.push(...slots.values());
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Disposes every variable, freeing their names. */
  dispose(): void {
    tf.dispose(this.variables());
    this.#slots.clear();
    this.#nonSlots.clear();
  }

  #makeVariable(name: string, initialValue: () => tf.Tensor): tf.Variable {
    if (tf.engine().registeredVariables[name] !== undefined) {
      throw new OptimizerError(
        `${this.#owner}: a variable named ${name} already exists; dispose() the optimizer that ` +
          'created it, or give this one a different name option',
      );
    }
    return tf.tidy(() => tf.variable(initialValue(), false, name));
  }
}

/**
 * TF1 gives a second optimizer's non-slot variables a suffixed name (`beta1_power_1`) rather
 * than failing, so a GAN's two Adam optimizers coexist. Slots need no suffix: their names
 * contain the variable's own, unique name.
 */
function uniqueName(name: string): string {
  const registered = tf.engine().registeredVariables;
  if (registered[name] === undefined) return name;
  let suffix = 1;
  while (registered[`${name}_${suffix}`] !== undefined) suffix++;
  return `${name}_${suffix}`;
}
