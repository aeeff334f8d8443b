import type { Catalog, GivenOptions } from '../../core/catalog/catalog.js';
import { CatalogError } from '../../core/catalog/catalog-error.js';
import { UsageError } from '../usage-error.js';

/**
 * Builds the component a run's config names through its catalog: the entry `config[kind]`
 * names, with that entry's options read from the config (which holds every entry's options
 * side by side).
 *
 * @example
 * ```ts
 * const loss = fromCatalog(lossCatalog, config, {});
 * ```
 * @param catalog - the catalog; its kind is the config key that names the entry (`loss`).
 * @param config - the resolved config.
 * @param context - what the factory takes from the run.
 * @returns the component.
 * @throws UsageError naming the flag and the entry, e.g. `--model mlp: generates vectors, but
 *   the dataset's samples have shape [28, 28, 1]; use dcgan for images`.
 */
export function fromCatalog<Context, Product>(
  catalog: Catalog<Context, Product, string, object>,
  config: GivenOptions,
  context: Context,
): Product {
  const name = String(config[catalog.kind]);
  try {
    return catalog.create(name, catalog.pickOptions(name, config), context);
  } catch (error) {
    if (!(error instanceof CatalogError)) throw error;
    const { kind, entry } = error.subject;
    throw new UsageError(`--${kind} ${entry}: ${error.detail}`);
  }
}
