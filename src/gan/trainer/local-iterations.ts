import { runIteration, type IterationIo } from '../iteration.js';
import type { StepParts } from '../update/step-parts.js';
import type { IterationRunner, RunControl } from './iteration-runner.js';
import { wantsToEnd } from './wants-to-end.js';

/** Iterations of a run in one process: synchronous, and they stop part-way when a hook fails. */
export class LocalIterations implements IterationRunner {
  /**
   * @param parts - the run's collaborators.
   * @param io - data sources and the event sink.
   * @param control - the run's failure and pending stop.
   */
  constructor(
    private readonly parts: StepParts,
    private readonly io: IterationIo,
    private readonly control: RunControl,
  ) {}

  /** Nothing to do before the first iteration. */
  start(): void {}

  /** @inheritDoc */
  shouldEnd(): boolean {
    return wantsToEnd(this.parts, this.control);
  }

  /** @inheritDoc */
  iterate(iteration: number): void {
    runIteration(this.parts, iteration, this.io);
  }
}
