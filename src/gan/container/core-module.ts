import { ContainerModule } from 'inversify';
import { initBackend } from '../../core/backend/init-backend.js';
import { TOKENS } from '../../core/di/tokens.js';
import type { Logger } from '../../core/logger.js';
import { GlobalStep } from '../../core/optim/global-step.js';
import { SummaryWriterProvider } from '../summary-writer-provider.js';
import { trainerDefaults, type TrainerConfig } from '../trainer-config.js';
import type { TrainerSettings } from '../trainer-settings.js';

/**
 * The container module of what comes from `src/core`: the settings, logger, clock, replica
 * group (when given), the backend's start, both global steps and the run's summary writer
 * provider.
 *
 * @param settings - the validated settings.
 * @param config - the run's configuration (its logger, clock and replica group).
 * @returns the module.
 */
export function coreModule(settings: TrainerSettings, config: TrainerConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Config).toConstantValue(settings);
    bind(TOKENS.Logger).toConstantValue(config.logger ?? trainerDefaults.logger);
    bind(TOKENS.Clock).toConstantValue(config.clock ?? trainerDefaults.clock);
    if (config.replicaGroup !== undefined) {
      bind(TOKENS.ReplicaGroup).toConstantValue(config.replicaGroup);
    }
    bind(TOKENS.Backend).toResolvedValue(
      (logger: Logger) => () =>
        initBackend({
          logger,
          ...(settings.backend === undefined ? {} : { backend: settings.backend }),
          ...(settings.threads === undefined ? {} : { threads: settings.threads }),
        }),
      [TOKENS.Logger],
    );
    bind(TOKENS.GlobalSteps).toConstantValue({
      critic: new GlobalStep('global_step/critic'),
      generator: new GlobalStep('global_step/generator'),
    });
    bind(TOKENS.SummaryWriter).toResolvedValue(
      (steps: Record<'critic' | 'generator', GlobalStep>) =>
        new SummaryWriterProvider(settings.logdir, () => ({
          critic: steps.critic.value,
          generator: steps.generator.value,
        })),
      [TOKENS.GlobalSteps],
    );
  });
}
