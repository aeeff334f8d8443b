import type { CatalogOptions } from './catalog-option.js';

/**
 * One named component of a catalog: what `--loss hinge` or `modelCatalog.create('dcgan', ...)`
 * stands for. The entry is the one factory of its component; the CLI, the presets and the
 * library all build through it.
 *
 * @typeParam Options - what the user may set (validated against {@link options}).
 * @typeParam Context - what the caller supplies from the run (a seed, the data's shape).
 * @typeParam Product - what the factory builds.
 */
export interface CatalogEntry<Options extends object, Context, Product> {
  /** The name the CLI and config files use, e.g. `wgan-gp`. */
  readonly name: string;
  /** One line for help text: what it is and, where it matters, where it comes from. */
  readonly description: string;
  readonly options: CatalogOptions<Options>;
  /**
   * Builds the component.
   *
   * @param options - every option, validated and defaulted by the catalog.
   * @param context - what the caller supplies.
   * @returns the component.
   */
  create(options: Options, context: Context): Product;
}

/**
 * Makes the entry builder of one kind of component, so that each entry's options type is
 * inferred from its `options` while the catalog fixes what every factory takes and returns.
 *
 * @example
 * ```ts
 * const lossEntry = catalogEntry<LossContext, GanLoss>();
 * const hingeEntry = lossEntry({ name: 'hinge', description: '...', options: {}, create: () => hinge() });
 * ```
 * @typeParam Extra - fields every entry of this kind has besides the common ones.
 * @returns a function that checks and returns one entry.
 */
export function catalogEntry<Context, Product, Extra extends object = object>() {
  return <const Name extends string, Options extends object>(
    entry: CatalogEntry<Options, Context, Product> & Extra & { readonly name: Name },
  ): CatalogEntry<Options, Context, Product> & Extra & { readonly name: Name } => entry;
}
