/**
 * Checks a hook's period option: a positive integer, or 0 where 0 means "never".
 *
 * @param value - the option's value.
 * @param option - the option's name, e.g. `everyNSteps`.
 * @param hook - the hook's name, for the message.
 * @param rules - whether 0 is allowed.
 * @returns the value.
 * @throws RangeError naming the hook and the option.
 */
export function checkPeriod(
  value: number,
  option: string,
  hook: string,
  rules: { allowZero?: boolean } = {},
): number {
  const least = rules.allowZero === true ? 0 : 1;
  if (!Number.isSafeInteger(value) || value < least) {
    const allowed = least === 0 ? 'an integer ≥ 0 (0: never)' : 'a positive integer';
    throw new RangeError(`${hook}: ${option} must be ${allowed}, got ${value}`);
  }
  return value;
}
