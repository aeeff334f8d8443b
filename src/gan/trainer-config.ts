import type { Newable } from 'inversify';
import type * as tf from '../core/backend/tf.js';
import type { ReplicaGroup } from '../core/distributed/replica-group.js';
import { systemClock, type Clock } from '../core/events/clock.js';
import { consoleLogger, type Logger } from '../core/logger.js';
import type { Optimizer } from '../core/optim/optimizer.js';
import { RMSPropOptimizer } from '../core/optim/optimizers/rmsprop.js';
import type { Dataset } from './data/dataset.js';
import type { GanModel } from './gan-model.js';
import type { Hook } from './hooks-runtime/hook.js';
import type { GanLoss } from './losses/gan-loss.js';
import { wasserstein } from './losses/wasserstein.js';
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

/**
 * What the container binds for the objects a {@link TrainerConfig} leaves out; the plain
 * settings' defaults are in `trainerSettingsSchema`. The loss and optimizers are factories, since
 * each run needs its own (they hold state).
 */
export const trainerDefaults = {
  /** The WGAN loss. */
  loss: (): GanLoss => wasserstein(),
  /** RMSProp at 5e-5, the WGAN paper's choice, for either network. */
  optimizer: (): Optimizer => new RMSPropOptimizer({ learningRate: 5e-5 }),
  logger: consoleLogger as Logger,
  clock: systemClock as Clock,
} as const;

/** The keys of a {@link TrainerConfig} that are objects, not settings. */
const OBJECT_KEYS = new Set([
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
 * Validates a config: its plain settings (defaults filled in) and the presence of the objects
 * every run needs.
 *
 * @param config - the run's configuration.
 * @returns the resolved settings.
 * @throws ConfigError naming the bad key.
 */
export function settingsOf(config: TrainerConfig): TrainerSettings {
  const settings = parseTrainerSettings(
    Object.fromEntries(Object.entries(config).filter(([key]) => !OBJECT_KEYS.has(key))),
  );
  requireObject(config, 'generator');
  requireObject(config, 'critic');
  requireObject(config, 'dataset');
  return settings;
}

function requireObject(config: TrainerConfig, key: 'generator' | 'critic' | 'dataset'): void {
  if (typeof config[key] !== 'object' || config[key] === null) {
    throw new ConfigError(
      `invalid trainer config: ${key} is required (${key === 'dataset' ? 'a Dataset with next(batchSize)' : 'a tf.LayersModel or a GanModel'})`,
    );
  }
}
