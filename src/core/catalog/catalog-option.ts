import type { z } from 'zod';

/** How an option's command-line text is read before its schema validates it. */
export type OptionReading = 'integer' | 'number' | 'text' | 'list';

/**
 * One option of a catalog entry: the zod schema its value must pass, the value the entry's
 * factory takes when none is given, and the words a command line and its error messages use
 * for it. The option's key is its config-file key (camelCase); its flag is that key in
 * kebab-case (`gpWeight` ↔ `--gp-weight`).
 *
 * @typeParam T - the option's value.
 */
export interface CatalogOption<T> {
  readonly schema: z.ZodType<T>;
  /** The factory's own default (TensorFlow's or the paper's), used when no value is given. */
  readonly default: T;
  /** One line for `--help`. */
  readonly help: string;
  /** The value's placeholder in `--help`, e.g. `LAMBDA`. */
  readonly placeholder: string;
  /** What the value may be, in words, for error messages: `a number > 0`. */
  readonly allowed: string;
  readonly reads: OptionReading;
}

/**
 * The options of an entry whose factory takes `Options`, one {@link CatalogOption} per key.
 *
 * @typeParam Options - what the factory takes.
 */
export type CatalogOptions<Options> = {
  readonly [K in keyof Options]-?: CatalogOption<Options[K]>;
};
