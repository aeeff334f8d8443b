import type { HookError } from '../hooks-runtime/hook-error.js';
import type { StopOptions } from '../hooks-runtime/training-context.js';
import type { PendingStop } from './stop-requests.js';

/**
 * What an {@link IterationRunner} reads and does at an iteration boundary: the run's hook
 * failure and pending stop, a way to request one, and the hooks' queued work.
 */
export interface RunControl {
  /** The first hook failure of this run, if any. */
  failure(): HookError | undefined;
  /** The stop requested in this run, if any. */
  pendingStop(): PendingStop | undefined;
  /** Requests a stop (ignored when one is pending), as `trainer.stop` does. */
  requestStop(reason: string, source: string, options: StopOptions): void;
  /** Resolves when every hook's queued work has finished. */
  settleHooks(): Promise<void>;
}

/**
 * How the trainer's loop runs iterations and decides at each boundary whether the run ends:
 * {@link LocalIterations} alone, `ReplicatedIterations` as one replica of a group, which must
 * agree with the others. A method returns a promise only when it has to wait (for a hook's work
 * or the network), so a run alone takes no turn of the event loop that it did not take before.
 */
export interface IterationRunner {
  /** Before the first iteration, after `begin` (replicas adopt the chief's state here). */
  start(): void | Promise<void>;
  /**
   * The boundary before an iteration.
   *
   * @param iteration - iterations completed so far in this run.
   * @returns true to end the run here.
   * @throws ReplicaError when another replica failed or the replicas' weights differ.
   */
  shouldEnd(iteration: number): boolean | Promise<boolean>;
  /**
   * Runs one iteration: `nCritic` critic updates, one generator update, each announced.
   *
   * @param iteration - iterations completed before this one in this run.
   */
  iterate(iteration: number): void | Promise<void>;
}
