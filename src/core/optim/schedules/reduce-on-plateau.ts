import { filter, map, type Observable, type OperatorFunction } from 'rxjs';
import {
  PlateauTracker,
  type ReduceOnPlateauOptions,
  type ReduceOnPlateauState,
} from './plateau-tracker.js';

/**
 * The operator `reduceOnPlateau` returns: pipe a metric stream through it to get the new
 * learning rates; its state can be read and restored so a checkpoint can carry it.
 */
export interface ReduceOnPlateau extends OperatorFunction<number, number> {
  /**
   * The rate in force, to pass as an optimizer's `learningRate: () => ...`.
   *
   * @returns the learning rate now in force.
   */
  currentLearningRate(): number;
  /**
   * Reads the state, for a checkpoint.
   *
   * @returns a copy of the best value, the counters and the current rate.
   */
  getState(): ReduceOnPlateauState;
  /**
   * Restores a state returned by `getState`, e.g. from a checkpoint.
   *
   * @param state - the state to continue from.
   */
  setState(state: ReduceOnPlateauState): void;
}

/**
 * Reduces the learning rate when a metric stops improving, as
 * `tf.keras.callbacks.ReduceLROnPlateau`: after `patience` metric values without an improvement
 * of more than `minDelta` on the best so far, the rate is multiplied by `factor` (never below
 * `minLr`), and the next `cooldown` values are ignored.
 *
 * The operator emits the new learning rate each time it changes, and nothing otherwise; use
 * `startWith(initialLearningRate)` for the rate in force from the start. Its state lives in the
 * returned operator and is shared by every subscription to it: pipe one metric stream through
 * one operator.
 *
 * @example
 * ```ts
 * const plateau = reduceOnPlateau({ initialLearningRate: 1e-3, patience: 5, factor: 0.5 });
 * const optimizer = new AdamOptimizer({ learningRate: () => plateau.currentLearningRate() });
 * epochLoss$.pipe(plateau).subscribe((lr) => logger.info(`learning rate now ${lr}`));
 * const saved = plateau.getState(); // later: plateau.setState(saved)
 * ```
 * @param options - the initial rate and when and how far to reduce it.
 * @returns an operator from metric values to new learning rates, with `getState`/`setState`.
 * @throws ScheduleError when an option is out of range (e.g. `factor` >= 1).
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions): ReduceOnPlateau {
  const tracker = new PlateauTracker(options);
  const operator = (metric$: Observable<number>): Observable<number> =>
    metric$.pipe(
      map((metric) => tracker.observe(metric)),
      filter((rate): rate is number => rate !== undefined),
    );
  return Object.assign(operator, {
    currentLearningRate: () => tracker.getState().learningRate,
    getState: () => tracker.getState(),
    setState: (state: ReduceOnPlateauState) => tracker.setState(state),
  });
}
