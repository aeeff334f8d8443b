/** How one option is written on the command line and how its raw text becomes a value. */
export interface FlagSpec {
  /** The flag, e.g. `--n-critic`. */
  readonly flag: string;
  /** The placeholder in `--help`, e.g. `K`. */
  readonly placeholder: string;
  readonly help: string;
  /** What the value may be, in words, for error messages ("an integer ≥ 1"). */
  readonly allowed: string;
  /** How the flag's text is read before validation. */
  readonly kind: 'integer' | 'number' | 'text' | 'list';
  /**
   * For an option of catalog entries, which ones take it, for error messages: `loss wgan-gp`,
   * `model mlp, dcgan`.
   */
  readonly owners?: string;
}

/**
 * Names the catalog entries an option belongs to, for the end of an error message.
 *
 * @param spec - the option's flag.
 * @returns ` (an option of loss wgan-gp)`, or nothing for an option of the run itself.
 */
export function ownedBy(spec: FlagSpec): string {
  return spec.owners === undefined ? '' : ` (an option of ${spec.owners})`;
}
