/**
 * Combines the measurements of several bench rounds into one per step: gantry's workers and the
 * Python peers run one after the other, so on a machine whose neighbours come and go a ratio
 * between two rows can swing by a sixth from one run to the next. Taking each row's median over
 * rounds run in turn samples every row at several moments.
 */
import type { StepMeasurement } from './cases/types.js';
import { median } from './timing.js';

/**
 * One measurement per step (model, step, implementation, threads, batch), in the order the
 * first round gave them: the median of the rounds' medians, the lowest minimum and highest
 * maximum, and every round's repeats counted.
 *
 * @param rounds - each round's measurements.
 * @returns the combined measurements.
 */
export function mergeRounds(rounds: readonly (readonly StepMeasurement[])[]): StepMeasurement[] {
  const byKey = new Map<string, StepMeasurement[]>();
  for (const round of rounds)
    for (const step of round) {
      const key = [step.model, step.step, step.impl, step.threads, step.batch].join('\u0000');
      const measured = byKey.get(key);
      if (measured === undefined) byKey.set(key, [step]);
      else measured.push(step);
    }
  return [...byKey.values()].map((measured) => {
    const medianMs = median(measured.map((m) => m.medianMs));
    const first = measured[0]!;
    return {
      ...first,
      medianMs,
      minMs: Math.min(...measured.map((m) => m.minMs)),
      maxMs: Math.max(...measured.map((m) => m.maxMs)),
      repeats: measured.reduce((sum, m) => sum + m.repeats, 0),
      samplesPerSecond: first.batch / (medianMs / 1000),
    };
  });
}
