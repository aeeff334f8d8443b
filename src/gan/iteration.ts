import type { StepCounts, TrainingEvent } from '../core/events/training-event.js';
import type { Dataset } from './data/dataset.js';
import type { NoiseSampler } from './noise-sampler.js';
import type { StepOutcome } from './update/apply-update.js';
import type { StepParts } from './update/step-parts.js';
import { criticUpdate, generatorUpdate } from './update/update-step.js';

/** How an iteration gets its data and reports its updates. */
export interface IterationIo {
  readonly dataset: Dataset;
  readonly noise: NoiseSampler;
  readonly emit: (event: TrainingEvent) => void;
  /** True once a hook has failed: the iteration stops before its next update. */
  readonly failed: () => boolean;
  readonly stamp: () => { steps: StepCounts; time: number };
}

/**
 * One GAN iteration: `nCritic` critic updates (a fresh real batch and latent batch each, as in
 * WGAN's Algorithm 1), then one generator update, each announced as soon as it is applied.
 *
 * @param parts - the run's collaborators.
 * @param iteration - iterations completed before this one in this run.
 * @param io - data sources and the event sink.
 */
export function runIteration(parts: StepParts, iteration: number, io: IterationIo): void {
  const { batchSize, nCritic } = parts.settings;
  for (let i = 0; i < nCritic; i++) {
    if (io.failed()) return;
    const real = io.dataset.next(batchSize);
    const z = io.noise.sample(batchSize);
    try {
      announce(io, 'critic-step', iteration, criticUpdate(parts, real, z), parts);
    } finally {
      real.dispose();
      z.dispose();
    }
  }
  if (io.failed()) return;
  const z = io.noise.sample(batchSize);
  try {
    announce(io, 'generator-step', iteration, generatorUpdate(parts, z), parts);
  } finally {
    z.dispose();
  }
}

/**
 * Emits the step event of an applied update, with both optimizers' current learning rates and
 * the effective step sizes that made both global steps.
 *
 * @param io - the event sink and the step stamp.
 * @param kind - which update this was.
 * @param iteration - iterations completed before this one in this run.
 * @param outcome - what the update did.
 * @param parts - the run's collaborators (for the other optimizer's rate).
 */
export function announce(
  io: IterationIo,
  kind: 'critic-step' | 'generator-step',
  iteration: number,
  outcome: StepOutcome,
  parts: StepParts,
): void {
  const { critic, generator } = parts.optimizers;
  const learningRates: StepCounts =
    kind === 'critic-step'
      ? { critic: outcome.learningRate, generator: generator.currentLearningRate() }
      : { critic: critic.currentLearningRate(), generator: outcome.learningRate };
  const effectiveLearningRates: StepCounts =
    kind === 'critic-step'
      ? { critic: outcome.effectiveLearningRate, generator: generator.effectiveLearningRate() }
      : { critic: critic.effectiveLearningRate(), generator: outcome.effectiveLearningRate };
  io.emit({
    kind,
    iteration,
    loss: outcome.loss,
    learningRates,
    effectiveLearningRates,
    metrics: outcome.metrics,
    skipped: outcome.skipped,
    ...io.stamp(),
  });
}
