import type { z } from 'zod';
import type { Catalog } from '../../core/catalog/catalog.js';
import type { CatalogOption } from '../../core/catalog/catalog-option.js';
import type { FlagSpec } from './flag-spec.js';

/**
 * The schema of every option of a catalog's entries, keyed as config files write them, for
 * `gantry train`'s config schema.
 *
 * @param catalog - the catalog.
 * @returns one schema per option key.
 */
export function catalogSchemas<Options extends object>(
  catalog: Catalog<never, unknown, string, Options>,
): { readonly [K in keyof Options]-?: z.ZodType<Options[K]> } {
  return Object.fromEntries(optionsOf(catalog).map(([key, option]) => [key, option.schema])) as {
    readonly [K in keyof Options]-?: z.ZodType<Options[K]>;
  };
}

/**
 * The flag of every option of a catalog's entries: the key in kebab-case (`gpWeight` ↔
 * `--gp-weight`), with the entry's words for help and errors, and which entries take it.
 *
 * @param catalog - the catalog.
 * @returns one flag per option key.
 */
export function catalogFlags<Options extends object>(
  catalog: Catalog<never, unknown, string, Options>,
): { readonly [K in keyof Options]-?: FlagSpec } {
  return Object.fromEntries(
    optionsOf(catalog).map(([key, option]) => [
      key,
      {
        flag: flagOf(key),
        placeholder: option.placeholder,
        help: option.help,
        allowed: option.allowed,
        kind: option.reads,
        owners: `${catalog.kind} ${catalog.owners(key).join(', ')}`,
      } satisfies FlagSpec,
    ]),
  ) as { readonly [K in keyof Options]-?: FlagSpec };
}

/**
 * The flag of an option key: the key in kebab-case.
 *
 * @param key - a config-file key, e.g. `gpWeight`.
 * @returns the flag, e.g. `--gp-weight`.
 */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

function optionsOf(
  catalog: Catalog<never, unknown, string, object>,
): [string, CatalogOption<unknown>][] {
  return Object.entries(catalog.options as Readonly<Record<string, CatalogOption<unknown>>>);
}
