import type { JsonValue } from '../../core/checkpoint/checkpointable.js';
import type { Logger } from '../../core/logger.js';
import type { GanModel } from '../gan-model.js';
import type { Initialisation } from '../models/initialisation.js';
import { topologyOf } from '../models/topology.js';
import type { TrainerSettings } from '../trainer-settings.js';

/** How each network's initial weights were drawn (`initialisationOf`). */
export type NetworkInitialisation = Record<'generator' | 'critic', Initialisation>;

/**
 * What every checkpoint records of the run besides its tensors: the settings, how each network
 * was initialised, and the generator's topology, from which `gantry sample` and `gantry export`
 * rebuild it with no other file (`null` for a generator made with `fromFunction`).
 *
 * @param settings - the run's settings.
 * @param initialisation - how each network was initialised.
 * @param generator - the generator, whose topology is recorded.
 * @returns the checkpoints' `config`.
 */
export function checkpointConfig(
  settings: TrainerSettings,
  initialisation: NetworkInitialisation,
  generator: GanModel,
): JsonValue {
  const topology = { generator: topologyOf(generator) };
  return JSON.parse(JSON.stringify({ ...settings, initialisation, topology })) as JsonValue;
}

/**
 * Says once, before training, which network's initial weights no seed decides: such a run
 * cannot be repeated exactly, and its checkpoints record it (`initialisation`, shown by
 * `gantry inspect`).
 *
 * @param initialisation - how each network was initialised.
 * @param logger - where the warning goes.
 */
export function warnOfUnseededInitialisation(
  initialisation: NetworkInitialisation,
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
