import type { CatalogEntry } from './catalog-entry.js';
import { CatalogError } from './catalog-error.js';
import type { CatalogOption } from './catalog-option.js';

/** Options as a caller gives them: any subset, by key, not yet validated. */
export type GivenOptions = Readonly<Record<string, unknown>>;

// Entries of one catalog take different options; `object` erases them (`create` is a method,
// so an entry of narrower options still fits), and the catalog validates before it calls.
type AnyEntry<Context, Product> = CatalogEntry<object, Context, Product>;

type EntryOptions<E> = E extends CatalogEntry<infer Options, never, unknown> ? Options : never;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (
  x: infer I,
) => void
  ? I
  : never;

/** Every option some entry of `Entries` takes, with its value type: the CLI's flat keys. */
export type MergedOptions<Entries extends readonly AnyEntry<never, unknown>[]> =
  UnionToIntersection<EntryOptions<Entries[number]>> & object;

/** What a catalog is called: `loss` and `losses`, as help text and messages name it. */
export interface CatalogNames {
  readonly kind: string;
  readonly plural: string;
}

/**
 * A table of one kind of named component — losses, models, optimizers, datasets — from name
 * to factory and options. It is the single source of the names: the CLI's choices,
 * its help text and its config validation read them from here, and the presets build through
 * {@link Catalog.create}. Adding a component is adding an entry.
 *
 * @typeParam Context - what every factory of this kind takes from its caller.
 * @typeParam Product - what every factory of this kind builds.
 * @typeParam Name - the entries' names.
 * @typeParam Options - every entry's options together.
 * @typeParam Extra - fields every entry of this kind has besides the common ones.
 */
export class Catalog<
  Context,
  Product,
  Name extends string,
  Options extends object,
  Extra extends object = object,
> {
  /** The kind of component, e.g. `loss`: also the config key that picks an entry. */
  readonly kind: string;
  /** The kind in the plural, e.g. `losses`, for help text. */
  readonly plural: string;
  /** The entries' names, in table order (non-empty, as `z.enum` takes them). */
  readonly names: readonly [Name, ...Name[]];
  /** Every option of every entry, in the order entries declare them; shared keys once. */
  readonly options: { readonly [K in keyof Options]-?: CatalogOption<Options[K]> };
  private readonly byName: ReadonlyMap<string, AnyEntry<Context, Product> & Extra>;

  /**
   * @param names - the kind's name, singular and plural.
   * @param entries - the table, in the order help text lists it.
   * @throws Error when two entries share a name, or declare one option key differently (the
   *   CLI has one flag per key).
   */
  constructor(
    names: CatalogNames,
    readonly entries: readonly (AnyEntry<Context, Product> & Extra & { readonly name: Name })[],
  ) {
    this.kind = names.kind;
    this.plural = names.plural;
    const [first, ...rest] = entries.map((entry) => entry.name);
    if (first === undefined) throw new Error(`the ${names.plural} catalog has no entries`);
    this.names = [first, ...rest];
    this.byName = new Map(entries.map((entry) => [entry.name, entry]));
    if (this.byName.size !== entries.length) {
      throw new Error(`the ${names.plural} catalog names an entry twice: ${this.names.join(', ')}`);
    }
    this.options = mergeOptions(names.kind, entries) as Catalog<
      Context,
      Product,
      Name,
      Options
    >['options'];
  }

  /**
   * Whether the catalog holds `name`.
   *
   * @param name - a name, e.g. from a config file.
   * @returns true for one of {@link names}.
   */
  has(name: string): name is Name {
    return this.byName.has(name);
  }

  /**
   * One entry.
   *
   * @param name - its name.
   * @returns the entry.
   * @throws CatalogError naming the kind and listing the names for an unknown one.
   */
  entry(name: string): AnyEntry<Context, Product> & Extra {
    const entry = this.byName.get(name);
    if (entry !== undefined) return entry;
    const detail = `use one of ${this.names.join(', ')}`;
    throw new CatalogError(
      `unknown ${this.kind} '${name}'; ${detail}`,
      { kind: this.kind, entry: name },
      detail,
    );
  }

  /**
   * The entries that take an option, for messages that name them.
   *
   * @param key - an option key, e.g. `noiseSize`.
   * @returns their names, in table order; empty when none takes it.
   */
  owners(key: string): Name[] {
    return this.entries.filter((entry) => Object.hasOwn(entry.options, key)).map((e) => e.name);
  }

  /**
   * Validates an entry's options and fills in its defaults.
   *
   * @param name - the entry.
   * @param given - any subset of its options.
   * @returns every option of the entry.
   * @throws CatalogError naming the entry and the option for an option the entry does not take
   *   or a value its schema rejects, e.g. `loss wgan-gp: gpWeight must be a number > 0, got -1`.
   */
  parseOptions(name: string, given: GivenOptions = {}): Record<string, unknown> {
    const entry = this.entry(name);
    const options = entry.options as Readonly<Record<string, CatalogOption<unknown>>>;
    const parsed: Record<string, unknown> = {};
    for (const key of Object.keys(given)) {
      if (Object.hasOwn(options, key)) continue;
      const takes = Object.keys(options);
      const detail = `has no option '${key}'; it takes ${takes.length === 0 ? 'none' : takes.join(', ')}`;
      throw this.error(entry.name, key, detail, ' ');
    }
    for (const [key, option] of Object.entries(options)) {
      const value = given[key];
      if (value === undefined) {
        parsed[key] = option.default;
        continue;
      }
      const result = option.schema.safeParse(value);
      if (!result.success) {
        const detail = `${key} must be ${option.allowed}, got ${JSON.stringify(value)}`;
        throw this.error(entry.name, key, detail, ': ');
      }
      parsed[key] = result.data;
    }
    return parsed;
  }

  /**
   * The options of one entry that a flat set of settings (a CLI config, which holds every
   * entry's options side by side) gives.
   *
   * @param name - the entry.
   * @param settings - the settings.
   * @returns the entry's keys that `settings` sets.
   */
  pickOptions(name: string, settings: GivenOptions): Record<string, unknown> {
    const keys = Object.keys(this.entry(name).options);
    return Object.fromEntries(
      keys.filter((key) => settings[key] !== undefined).map((key) => [key, settings[key]]),
    );
  }

  /**
   * Builds a component through its entry's factory, the one way gantry builds it.
   *
   * @example
   * ```ts
   * const loss = lossCatalog.create('wgan-gp', { gpWeight: 10 }, {});
   * ```
   * @param name - the entry.
   * @param options - any subset of its options; the rest take the entry's defaults.
   * @param context - what the factory takes from the caller.
   * @returns the component.
   * @throws CatalogError for an unknown name, option or bad value, or what the factory throws.
   */
  create(name: string, options: GivenOptions, context: Context): Product {
    return this.entry(name).create(this.parseOptions(name, options), context);
  }

  private error(entry: string, option: string, detail: string, separator: string): CatalogError {
    return new CatalogError(
      `${this.kind} ${entry}${separator}${detail}`,
      { kind: this.kind, entry, option },
      detail,
    );
  }
}

function mergeOptions(
  kind: string,
  entries: readonly AnyEntry<never, unknown>[],
): Record<string, CatalogOption<unknown>> {
  const merged: Record<string, CatalogOption<unknown>> = {};
  for (const entry of entries) {
    for (const [key, option] of Object.entries(
      entry.options as Readonly<Record<string, CatalogOption<unknown>>>,
    )) {
      const known = merged[key];
      if (known === undefined) merged[key] = option;
      else if (known.allowed !== option.allowed || known.reads !== option.reads) {
        throw new Error(`${kind} ${entry.name} declares option ${key} unlike an earlier entry`);
      }
    }
  }
  return merged;
}

/**
 * Builds a catalog whose name and option types come from its entries.
 *
 * @example
 * ```ts
 * export const lossCatalog = defineCatalog<LossContext, GanLoss>()({ kind: 'loss', plural: 'losses' }, [
 *   lossEntry({ name: 'hinge', description: 'hinge loss (Lim & Ye 2017)', options: {}, create: () => hinge() }),
 * ]);
 * ```
 * @typeParam Extra - fields every entry of this kind has besides the common ones.
 * @typeParam Extra - fields every entry of this kind has besides the common ones.
 * @returns a function taking the names and the entries.
 */
export function defineCatalog<Context, Product, Extra extends object = object>() {
  return <
    const Entries extends readonly (AnyEntry<Context, Product> &
      Extra & { readonly name: string })[],
  >(
    names: CatalogNames,
    entries: Entries,
  ): Catalog<Context, Product, Entries[number]['name'], MergedOptions<Entries>, Extra> =>
    new Catalog<Context, Product, Entries[number]['name'], MergedOptions<Entries>, Extra>(
      names,
      entries,
    );
}
