import { Container, ContainerModule, type Newable } from 'inversify';
import { join } from 'node:path';
import { initBackend } from '../core/backend/init-backend.js';
import type * as tf from '../core/backend/tf.js';
import { CheckpointManager } from '../core/checkpoint/checkpoint-manager.js';
import type { JsonValue } from '../core/checkpoint/checkpointable.js';
import { TOKENS } from '../core/di/tokens.js';
import type { ReplicaGroup } from '../core/distributed/replica-group.js';
import { systemClock, type Clock } from '../core/events/clock.js';
import { consoleLogger, type Logger } from '../core/logger.js';
import { GlobalStep } from '../core/optim/global-step.js';
import { ExponentialMovingAverage } from '../core/optim/moving-average/exponential-moving-average.js';
import type { Optimizer } from '../core/optim/optimizer.js';
import { RMSPropOptimizer } from '../core/optim/optimizers/rmsprop.js';
import type { Dataset } from './data/dataset.js';
import { toGanModel, type GanModel } from './gan-model.js';
import { GanTrainer } from './gan-trainer.js';
import type { Hook } from './hook.js';
import type { GanLoss } from './losses/gan-loss.js';
import { wasserstein } from './losses/wasserstein.js';
import { initialisationOf, type Initialisation } from './models/initialisation.js';
import { topologyOf } from './models/topology.js';
import { GaussianNoiseSampler } from './noise-sampler.js';
import { SummaryWriterProvider } from './summary-writer-provider.js';
import {
  ConfigError,
  parseTrainerSettings,
  type TrainerSettings,
  type TrainerSettingsInput,
} from './trainer-settings.js';

/** Everything `createTrainer` needs: plain settings plus the objects a user brings. */
export interface TrainerConfig extends TrainerSettingsInput {
  generator: GanModel | tf.LayersModel;
  critic: GanModel | tf.LayersModel;
  dataset: Dataset;
  /** Default {@link wasserstein}. */
  loss?: GanLoss;
  /** Default RMSProp at 5e-5 for both, the WGAN paper's choice. */
  optimizers?: { critic?: Optimizer; generator?: Optimizer };
  /** Hook instances, or `@injectable()` hook classes the container builds. */
  hooks?: ReadonlyArray<Hook | Newable<Hook>>;
  /** Default stderr. */
  logger?: Logger;
  /** Default `performance.now()`. */
  clock?: Clock;
  /**
   * The replicas this process trains with (from `runReplicated` or `joinReplicaGroup`);
   * `batchSize` is then the global batch, split evenly across them. Default: alone.
   */
  replicaGroup?: ReplicaGroup;
}

/** Options of {@link createTrainer}. */
export interface CreateTrainerOptions {
  /** Called with the container before the trainer is built: rebind any token here. */
  configure?: (container: Container) => void;
}

const SETTING_KEYS = new Set([
  'generator',
  'critic',
  'dataset',
  'loss',
  'optimizers',
  'hooks',
  'logger',
  'clock',
  'replicaGroup',
]);

/**
 * Builds the container of a run from a config: one `ContainerModule` for the core
 * collaborators (backend, clock, logger, global steps), one for the GAN ones (models,
 * optimizers, loss, dataset, noise, moving average, trainer), one for the hooks.
 *
 * @param config - the run's configuration.
 * @returns a container whose `TOKENS.Trainer` is the trainer; rebind tokens before getting it.
 * @throws ConfigError naming the bad key.
 */
export function createTrainerContainer(config: TrainerConfig): Container {
  const settings = parseTrainerSettings(
    Object.fromEntries(Object.entries(config).filter(([key]) => !SETTING_KEYS.has(key))),
  );
  requireObject(config, 'generator');
  requireObject(config, 'critic');
  requireObject(config, 'dataset');
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(
    coreModule(settings, config),
    ganModule(settings, config),
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

function coreModule(settings: TrainerSettings, config: TrainerConfig): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Config).toConstantValue(settings);
    bind(TOKENS.Logger).toConstantValue(config.logger ?? consoleLogger);
    bind(TOKENS.Clock).toConstantValue(config.clock ?? systemClock);
    if (config.replicaGroup !== undefined) {
      bind(TOKENS.ReplicaGroup).toConstantValue(config.replicaGroup);
    }
    bind(TOKENS.Backend).toResolvedValue(
      (logger: Logger) => () =>
        initBackend(
          settings.backend === undefined ? { logger } : { backend: settings.backend, logger },
        ),
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

function ganModule(settings: TrainerSettings, config: TrainerConfig): ContainerModule {
  const generator = toGanModel(config.generator, 'generator');
  const critic = toGanModel(config.critic, 'critic');
  const initialisation = {
    generator: initialisationOf(generator),
    critic: initialisationOf(critic),
  };
  if (config.replicaGroup?.isChief ?? true) {
    warnOfUnseededInitialisation(initialisation, config.logger ?? consoleLogger);
  }
  return new ContainerModule(({ bind }) => {
    bind(TOKENS.Generator).toConstantValue(generator);
    bind(TOKENS.Critic).toConstantValue(critic);
    bind(TOKENS.CriticOptimizer).toDynamicValue(
      () => config.optimizers?.critic ?? new RMSPropOptimizer({ learningRate: 5e-5 }),
    );
    bind(TOKENS.GeneratorOptimizer).toDynamicValue(
      () => config.optimizers?.generator ?? new RMSPropOptimizer({ learningRate: 5e-5 }),
    );
    bind(TOKENS.Loss).toConstantValue(config.loss ?? wasserstein());
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
    bind(TOKENS.Trainer).to(GanTrainer);
    // The manager saves the trainer's RunState, read when a save starts (the trainer itself
    // injects the manager, so the source cannot be resolved before it).
    bind(TOKENS.CheckpointManager).toDynamicValue(
      (context) =>
        new CheckpointManager(
          {
            snapshot: (options) =>
              context.get<GanTrainer>(TOKENS.Trainer).runState().snapshot(options),
          },
          join(settings.logdir, 'checkpoints'),
          {
            config: checkpointConfig(settings, initialisation, generator),
            logger: context.get(TOKENS.Logger),
            ...(settings.bestCheckpoint === undefined ? {} : { best: settings.bestCheckpoint }),
          },
        ),
    );
  });
}

/**
 * What every checkpoint records of the run besides its tensors: the settings, how each network
 * was initialised, and the generator's topology, from which `gantry sample` and `gantry export`
 * rebuild it with no other file (`null` for a generator made with `fromFunction`).
 */
function checkpointConfig(
  settings: TrainerSettings,
  initialisation: Record<'generator' | 'critic', Initialisation>,
  generator: GanModel,
): JsonValue {
  const topology = { generator: topologyOf(generator) };
  return JSON.parse(JSON.stringify({ ...settings, initialisation, topology })) as JsonValue;
}

/**
 * Says once, before training, which network's initial weights no seed decides: such a run
 * cannot be repeated exactly, and its checkpoints record it (`initialisation`, shown by
 * `gantry inspect`).
 */
function warnOfUnseededInitialisation(
  initialisation: Record<'generator' | 'critic', Initialisation>,
  logger: Logger,
): void {
  const unseeded = Object.entries(initialisation).filter(([, how]) => how !== 'seeded');
  if (unseeded.length === 0) return;
  const names = unseeded.map(([name, how]) => `${name} (${how})`).join(' and ');
  logger.warn(
    `gantry: the initial weights of the ${names} are not drawn from a seed, so this run cannot ` +
      'be repeated exactly; build them with mlpGan/dcgan({ seed }) or give every layer a seeded ' +
      'initialiser (deriveSeed(seed, "init", layerName))',
  );
}

function hooksModule(hooks: ReadonlyArray<Hook | Newable<Hook>>): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const hook of hooks) {
      if (typeof hook === 'function') bind<Hook>(TOKENS.Hook).to(hook);
      else bind<Hook>(TOKENS.Hook).toConstantValue(hook);
    }
  });
}

function requireObject(config: TrainerConfig, key: 'generator' | 'critic' | 'dataset'): void {
  if (typeof config[key] !== 'object' || config[key] === null) {
    throw new ConfigError(
      `invalid trainer config: ${key} is required (${key === 'dataset' ? 'a Dataset with next(batchSize)' : 'a tf.LayersModel or a GanModel'})`,
    );
  }
}
