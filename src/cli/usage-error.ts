/**
 * The command line or a config file asked for something gantry cannot do: a bad flag value, an
 * unknown key, a missing required option. The message names the flag or key and says what is
 * allowed; the `gantry` command exits with status 2 (usage error) instead of 1.
 */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
