import type { ResolutionContext } from 'inversify';
import type { CheckpointManager } from '../../core/checkpoint/checkpoint-manager.js';
import { TOKENS } from '../../core/di/tokens.js';
import type { Clock } from '../../core/events/clock.js';
import type { StepName } from '../../core/events/training-event.js';
import type { Logger } from '../../core/logger.js';
import type { GlobalStep } from '../../core/optim/global-step.js';
import type { Optimizer } from '../../core/optim/optimizer.js';
import type { Dataset } from '../data/dataset.js';
import type { GanModel } from '../gan-model.js';
import type { GeneratorAverager } from '../generator-averager.js';
import type { GanLoss } from '../losses/gan-loss.js';
import type { NoiseSampler } from '../noise-sampler.js';
import type { SummaryWriterProvider } from '../summary-writer-provider.js';
import type { RunParts } from '../trainer/run-parts.js';
import type { TrainerSettings } from '../trainer-settings.js';

/**
 * Gathers the trainer's collaborators from their own tokens; the moving average, the summary
 * writer and the checkpoint manager may be unbound.
 *
 * @param context - the container resolving `TOKENS.RunParts`.
 * @returns the run's parts.
 */
export function resolveRunParts(context: ResolutionContext): RunParts {
  return {
    settings: context.get<TrainerSettings>(TOKENS.Config),
    generator: context.get<GanModel>(TOKENS.Generator),
    critic: context.get<GanModel>(TOKENS.Critic),
    optimizers: {
      critic: context.get<Optimizer>(TOKENS.CriticOptimizer),
      generator: context.get<Optimizer>(TOKENS.GeneratorOptimizer),
    },
    steps: context.get<Readonly<Record<StepName, GlobalStep>>>(TOKENS.GlobalSteps),
    loss: context.get<GanLoss>(TOKENS.Loss),
    dataset: context.get<Dataset>(TOKENS.Dataset),
    noise: context.get<NoiseSampler>(TOKENS.NoiseSampler),
    average: context.get<GeneratorAverager>(TOKENS.GeneratorAverage, { optional: true }),
    clock: context.get<Clock>(TOKENS.Clock),
    logger: context.get<Logger>(TOKENS.Logger),
    summaries: context.get<SummaryWriterProvider>(TOKENS.SummaryWriter, { optional: true }),
    checkpoints: context.get<CheckpointManager>(TOKENS.CheckpointManager, { optional: true }),
  };
}
