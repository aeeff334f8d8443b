import { InvalidArgumentError } from 'commander';
import { ownedBy } from './flag-spec.js';
import { TRAIN_FLAGS, trainOptionsSchema, type TrainOptionKey } from './train-options.js';

/**
 * Reads one flag's text into a value and validates it with the same schema config files use,
 * so a flag and its config key accept exactly the same values.
 *
 * @param key - the option, e.g. `nCritic`.
 * @param raw - the text after the flag, e.g. `five`.
 * @returns the value, typed as the schema says.
 * @throws InvalidArgumentError (commander reports it and gantry exits with status 2) saying
 *   e.g. `--n-critic must be an integer ≥ 1, got 'five'`; an option of catalog entries names
 *   them: `--gp-weight must be a number > 0, got '-1' (an option of loss wgan-gp)`.
 */
export function parseFlagValue(key: TrainOptionKey, raw: string): unknown {
  const spec = TRAIN_FLAGS[key];
  const result = trainOptionsSchema.shape[key].safeParse(readText(spec.kind, raw));
  if (!result.success) {
    throw new InvalidArgumentError(
      `${spec.flag} must be ${spec.allowed}, got '${raw}'${ownedBy(spec)}`,
    );
  }
  return result.data;
}

function readText(kind: (typeof TRAIN_FLAGS)[TrainOptionKey]['kind'], raw: string): unknown {
  const text = raw.trim();
  switch (kind) {
    case 'integer':
      return /^[+-]?\d+$/.test(text) ? Number(text) : raw;
    case 'number':
      return text !== '' && Number.isFinite(Number(text)) ? Number(text) : raw;
    case 'list':
      return text.split(',').map((item) => item.trim());
    case 'text':
      return raw;
  }
}

/**
 * Reads an integer flag of a command without a config file (`--n`, `--seed` of `sample`).
 *
 * @param flag - the flag, for the message.
 * @param raw - its text.
 * @param minimum - the smallest value allowed.
 * @returns the integer.
 * @throws InvalidArgumentError saying e.g. `--n must be an integer ≥ 1, got 'ten'`.
 */
export function parseIntegerFlag(flag: string, raw: string, minimum: number): number {
  const value = Number(raw.trim());
  if (!/^[+-]?\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < minimum) {
    throw new InvalidArgumentError(`${flag} must be an integer ≥ ${minimum}, got '${raw}'`);
  }
  return value;
}
