import type { Catalog } from '../../core/catalog/catalog.js';
import { flagOf } from './catalog-flags.js';

/** A catalog whose entries a command lists in its help, and the flag that picks one. */
export interface HelpCatalog {
  readonly catalog: Catalog<never, unknown, string, object>;
  readonly flag: string;
  /** How to show entries that are not picked by their name (`images` → `PATH`). */
  readonly shownAs?: Readonly<Record<string, string>>;
}

/**
 * The help text that lists every entry of some catalogs, one line each with its description
 * and the flags of its options, so `gantry train --help` shows what each name stands for.
 *
 * @example
 * ```text
 * losses (--loss):
 *   wgan-gp  Wasserstein loss with a gradient penalty (Gulrajani et al. 2017)
 *            options: --gp-weight
 * ```
 * @param catalogs - the catalogs, in the order to list them.
 * @returns the text, beginning with a blank line.
 */
export function catalogHelp(catalogs: readonly HelpCatalog[]): string {
  const sections = catalogs.map(({ catalog, flag, shownAs = {} }) => {
    const shown = (name: string): string => shownAs[name] ?? name;
    const width = Math.max(...catalog.names.map((name) => shown(name).length));
    const lines = catalog.entries.map((entry) => {
      const flags = Object.keys(entry.options).map(flagOf);
      const line = `  ${shown(entry.name).padEnd(width)}  ${entry.description}`;
      if (flags.length === 0) return line;
      return `${line}\n  ${' '.repeat(width)}  options: ${flags.join(', ')}`;
    });
    return [`${catalog.plural} (${flag}):`, ...lines].join('\n');
  });
  return `\n${sections.join('\n\n')}\n`;
}
