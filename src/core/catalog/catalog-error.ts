/** Where a {@link CatalogError} points: the kind of component, the entry and the option. */
export interface CatalogErrorSubject {
  /** The catalog's kind: `loss`, `model`, `optimizer` or `dataset`. */
  readonly kind: string;
  /** The entry's name, or the unknown name asked for. */
  readonly entry: string;
  readonly option?: string;
}

/**
 * A catalog was asked for a name it does not hold, an option its entry does not take, a value
 * its schema rejects, or a component its factory cannot build (a model that cannot produce the
 * data's shape). The message names the kind, the entry and the option, and says what is
 * allowed.
 */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';

  /**
   * @param message - the whole message, naming the entry and the option.
   * @param subject - the same, for callers that reword it (the CLI names its flags).
   * @param detail - the message without the entry's name (`gpWeight must be ...`).
   */
  constructor(
    message: string,
    readonly subject: CatalogErrorSubject,
    readonly detail: string,
  ) {
    super(message);
  }
}
