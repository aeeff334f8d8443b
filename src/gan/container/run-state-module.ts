import { ContainerModule } from 'inversify';
import { join } from 'node:path';
import { CheckpointManager } from '../../core/checkpoint/checkpoint-manager.js';
import { TOKENS } from '../../core/di/tokens.js';
import type { Logger } from '../../core/logger.js';
import type { Dataset } from '../data/dataset.js';
import type { GanModel } from '../gan-model.js';
import type { GeneratorAverager } from '../generator-averager.js';
import type { Hook } from '../hooks-runtime/hook.js';
import type { GanLoss } from '../losses/gan-loss.js';
import type { NoiseSampler } from '../noise-sampler.js';
import { RunState, type RunStateParts } from '../run-state/run-state.js';
import type { TrainerSettings } from '../trainer-settings.js';
import { checkpointConfig, type NetworkInitialisation } from './initialisation-record.js';

/**
 * The container module of the run's state and its checkpoints: `TOKENS.RunState`, built from the
 * bound networks, optimizers, steps, loss, noise, dataset, moving average and every hook (so a
 * rebound token is what gets saved), and `TOKENS.CheckpointManager`, which saves that state into
 * `<logdir>/checkpoints` with the settings, the initialisation and the generator's topology as
 * its config. The trainer injects both; nothing is fetched back from the trainer.
 *
 * @param settings - the validated settings.
 * @param initialisation - how each network was initialised (recorded in every checkpoint).
 * @param generator - the generator, whose topology every checkpoint records.
 * @returns the module.
 */
export function runStateModule(
  settings: TrainerSettings,
  initialisation: NetworkInitialisation,
  generator: GanModel,
): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.RunState).toDynamicValue((context) => {
      const parts: RunStateParts = {
        generator: context.get<GanModel>(TOKENS.Generator),
        critic: context.get<GanModel>(TOKENS.Critic),
        optimizers: {
          critic: context.get(TOKENS.CriticOptimizer),
          generator: context.get(TOKENS.GeneratorOptimizer),
        },
        steps: context.get(TOKENS.GlobalSteps),
        loss: context.get<GanLoss>(TOKENS.Loss),
        noise: context.get<NoiseSampler>(TOKENS.NoiseSampler),
        dataset: context.get<Dataset>(TOKENS.Dataset),
        average: context.get<GeneratorAverager>(TOKENS.GeneratorAverage, { optional: true }),
        hooks: context.getAll<Hook>(TOKENS.Hook, { optional: true }),
      };
      return new RunState(parts);
    });
    bind(TOKENS.CheckpointManager).toDynamicValue(
      (context) =>
        new CheckpointManager(
          context.get<RunState>(TOKENS.RunState),
          join(settings.logdir, 'checkpoints'),
          {
            config: checkpointConfig(settings, initialisation, generator),
            logger: context.get<Logger>(TOKENS.Logger),
            ...(settings.bestCheckpoint === undefined ? {} : { best: settings.bestCheckpoint }),
          },
        ),
    );
  });
}
