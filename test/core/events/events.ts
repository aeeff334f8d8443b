import type { StepCounts, TrainingEvent } from '../../../src/index.js';

/** A step event with the given steps and time, the rest neutral. */
export function stepEvent(
  kind: 'critic-step' | 'generator-step',
  steps: StepCounts,
  time = 0,
  skipped = false,
): TrainingEvent {
  return {
    kind,
    steps,
    time,
    iteration: 0,
    loss: 0,
    learningRates: { critic: 0, generator: 0 },
    effectiveLearningRates: { critic: 0, generator: 0 },
    metrics: {},
    skipped,
  };
}
