import type { Checkpointable, JsonValue } from '../../core/checkpoint/checkpointable.js';
import { CheckpointError } from '../../core/checkpoint/errors.js';
import type { StepName } from '../../core/events/training-event.js';

/** How many times each update was traced into a TensorFlow function. */
export type TraceCounts = Readonly<Record<StepName, number>>;

const NONE: TraceCounts = { critic: 0, generator: 0 };

/**
 * How many times the run's critic and generator updates were traced into TensorFlow functions
 * (`execution` compiled or auto), over the whole run: what earlier processes traced, restored
 * from the checkpoint, plus what this process's compiled updates traced since. Rides in every
 * checkpoint as `compiled_traces` (optional: checkpoints written before it existed still
 * resume), so `gantry inspect` shows it without a backend. A count that grows past one per
 * update and resume means the update retraces (a new batch shape, say).
 *
 * @example
 * ```ts
 * const traces = new CompiledTraces();
 * traces.follow(() => compiled.traceCounts); // the trainer's CompiledUpdates
 * traces.stateDict(); // { critic: 1, generator: 1 } after a compiled iteration
 * ```
 */
export class CompiledTraces implements Checkpointable {
  readonly checkpointName = 'compiled_traces';
  readonly optional = true;
  #restored: TraceCounts = NONE;
  #live: () => TraceCounts = () => NONE;
  /** The live counts when the restored ones were loaded: only traces after that are added. */
  #offset: TraceCounts = NONE;

  /** The counts now: restored plus traced in this process since. */
  get counts(): TraceCounts {
    const live = this.#live();
    return {
      critic: this.#restored.critic + live.critic - this.#offset.critic,
      generator: this.#restored.generator + live.generator - this.#offset.generator,
    };
  }

  /**
   * Counts the traces of this process's compiled updates from now on.
   *
   * @param live - the compiled updates' own counts since they were made (`traceCounts`).
   */
  follow(live: () => TraceCounts): void {
    this.#restored = this.counts;
    this.#live = live;
    this.#offset = live();
  }

  stateDict(): JsonValue {
    return { ...this.counts };
  }

  loadStateDict(state: JsonValue): void {
    this.#restored = traceCountsOf(state);
    this.#offset = this.#live();
  }
}

/**
 * Reads the `compiled_traces` state of a checkpoint's manifest.
 *
 * @param state - the saved state, `undefined` when the checkpoint has none.
 * @returns the counts, or `undefined` when the checkpoint records none (written before gantry
 *   counted traces).
 * @throws CheckpointError when the state is there but not two non-negative integers.
 */
export function savedTraceCounts(state: JsonValue | undefined): TraceCounts | undefined {
  return state === undefined ? undefined : traceCountsOf(state);
}

function traceCountsOf(state: JsonValue): TraceCounts {
  const { critic, generator } = (state ?? {}) as Record<string, unknown>;
  if (!isCount(critic) || !isCount(generator)) {
    throw new CheckpointError(
      `compiled_traces: expected { critic, generator } as counts, got ${JSON.stringify(state)}`,
    );
  }
  return { critic, generator };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
