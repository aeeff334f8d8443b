/** One cell of a printed table; null prints as `–`. */
export type Cell = string | number | null;

const NUMERIC = /^[-+]?[\d.,]+(e[-+]?\d+)?[×%]?$/;

/**
 * Formats rows as an aligned plain-text table: a header, a rule, then one line per row.
 * Columns whose cells are all numbers (or numeric strings such as `3.20×`) are right-aligned.
 *
 * @example
 * ```ts
 * formatTable(['model', 'ms'], [['dcgan', '425.1'], ['mlp', '2058.0']]);
 * // model      ms
 * // -----  ------
 * // dcgan   425.1
 * // mlp    2058.0
 * ```
 * @param header - column titles.
 * @param rows - cells, one array per row, as many as there are titles.
 * @returns the table, lines joined by `\n`, without a trailing newline.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((row) => header.map((_, i) => cellText(row[i] ?? null)));
  const widths = header.map((title, i) =>
    Math.max(title.length, ...text.map((row) => row[i]!.length)),
  );
  const right = header.map((_, i) => text.length > 0 && text.every((row) => isNumeric(row[i]!)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, i) => (right[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

/**
 * Formats a free-form table whose rows are objects; the columns are the union of their keys in
 * first-seen order.
 *
 * @param rows - one object per row.
 * @returns the table as {@link formatTable} prints it.
 */
export function formatRecords(rows: readonly Record<string, Cell>[]): string {
  const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  return formatTable(
    header,
    rows.map((row) => header.map((key) => row[key] ?? null)),
  );
}

function cellText(cell: Cell): string {
  return cell === null ? '–' : String(cell);
}

function isNumeric(text: string): boolean {
  return text === '–' || NUMERIC.test(text);
}
