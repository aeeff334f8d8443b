import { ContainerModule } from 'inversify';
import { TOKENS } from '../../core/di/tokens.js';
import type { GlobalStep } from '../../core/optim/global-step.js';
import { ExponentialMovingAverage } from '../../core/optim/moving-average/exponential-moving-average.js';
import type { GanModel } from '../gan-model.js';
import { GanTrainer } from '../gan-trainer.js';
import { GaussianNoiseSampler } from '../noise-sampler.js';
import { trainerDefaults, type TrainerConfig } from '../trainer-config.js';
import { resolveRunParts } from './resolve-run-parts.js';
import type { TrainerSettings } from '../trainer-settings.js';

/**
 * The container module of the GAN itself: both networks, their optimizers (default
 * {@link trainerDefaults}), the loss, the dataset, the noise sampler, the moving average of the
 * generator's weights (only with `emaDecay`, its `numUpdates` the generator step), the
 * trainer's `RunParts` gathered from those tokens, and the trainer.
 *
 * @param settings - the validated settings.
 * @param config - the run's configuration.
 * @param networks - the networks, already adapted (`toGanModel`).
 * @returns the module.
 */
export function ganModule(
  settings: TrainerSettings,
  config: TrainerConfig,
  networks: { readonly generator: GanModel; readonly critic: GanModel },
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Generator).toConstantValue(networks.generator);
    bind(TOKENS.Critic).toConstantValue(networks.critic);
    bind(TOKENS.CriticOptimizer).toDynamicValue(
      () => config.optimizers?.critic ?? trainerDefaults.optimizer(),
    );
    bind(TOKENS.GeneratorOptimizer).toDynamicValue(
      () => config.optimizers?.generator ?? trainerDefaults.optimizer(),
    );
    bind(TOKENS.Loss).toConstantValue(config.loss ?? trainerDefaults.loss());
    bind(TOKENS.Dataset).toConstantValue(config.dataset);
    bind(TOKENS.NoiseSampler).toDynamicValue(
      () => new GaussianNoiseSampler(settings.latentDim, settings.seed),
    );
    const decay = settings.emaDecay;
    if (decay !== undefined) {
      bind(TOKENS.GeneratorAverage).toResolvedValue(
        (steps: { generator: GlobalStep }) =>
          new ExponentialMovingAverage({ decay, numUpdates: steps.generator }),
        [TOKENS.GlobalSteps],
      );
    }
    bind(TOKENS.RunParts).toDynamicValue(resolveRunParts);
    bind(TOKENS.Trainer).to(GanTrainer);
  });
}
