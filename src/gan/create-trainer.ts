import { Container } from 'inversify';
import { TOKENS } from '../core/di/tokens.js';
import { coreModule } from './container/core-module.js';
import { ganModule } from './container/gan-module.js';
import { hooksModule } from './container/hooks-module.js';
import { warnOfUnseededInitialisation } from './container/initialisation-record.js';
import { runStateModule } from './container/run-state-module.js';
import { toGanModel } from './gan-model.js';
import type { GanTrainer } from './gan-trainer.js';
import { initialisationOf } from './models/initialisation.js';
import { settingsOf, trainerDefaults, type TrainerConfig } from './trainer-config.js';

export type { TrainerConfig } from './trainer-config.js';

/** Options of {@link createTrainer}. */
export interface CreateTrainerOptions {
  /** Called with the container before the trainer is built: rebind any token here. */
  configure?: (container: Container) => void;
}

/**
 * Builds the container of a run from a config, one `ContainerModule` per layer (each in
 * `src/gan/container/`): `coreModule` (settings, backend, clock, logger, global steps, summary
 * writer), `ganModule` (networks, optimizers, loss, dataset, noise, moving average, trainer),
 * `runStateModule` (the run's state and its checkpoint manager) and `hooksModule`. Warns once,
 * on the chief, when a network's initial weights are not seeded.
 *
 * @param config - the run's configuration.
 * @returns a container whose `TOKENS.Trainer` is the trainer; rebind tokens before getting it.
 * @throws ConfigError naming the bad key.
 */
export function createTrainerContainer(config: TrainerConfig): Container {
  const settings = settingsOf(config);
  const networks = {
    generator: toGanModel(config.generator, 'generator'),
    critic: toGanModel(config.critic, 'critic'),
  };
  const initialisation = {
    generator: initialisationOf(networks.generator),
    critic: initialisationOf(networks.critic),
  };
  if (config.replicaGroup?.isChief ?? true) {
    warnOfUnseededInitialisation(initialisation, config.logger ?? trainerDefaults.logger);
  }
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    coreModule(settings, config),
    ganModule(settings, config, networks),
    runStateModule(settings, initialisation, networks.generator),
    hooksModule(config.hooks ?? []),
  );
  return container;
}

/**
 * Builds a {@link GanTrainer} from a config through the container, so any collaborator can be
 * replaced (`options.configure`) without touching gantry's code.
 *
 * @example
 * ```ts
 * const trainer = createTrainer(
 *   { generator, critic, dataset, nCritic: 5, steps: 1000, weightClip: 0.01, backend: 'wasm' },
 *   { configure: (c) => c.rebind(TOKENS.Clock).toConstantValue(fakeClock) },
 * );
 * const { steps, reason } = await trainer.run();
 * ```
 * @param config - the run's configuration.
 * @param options - a hook to rebind tokens first.
 * @returns the trainer.
 * @throws ConfigError naming the bad key.
 */
export function createTrainer(
  config: TrainerConfig,
  options: CreateTrainerOptions = {},
): GanTrainer {
  const container = createTrainerContainer(config);
  options.configure?.(container);
  return container.get<GanTrainer>(TOKENS.Trainer);
}
