import Papa from 'papaparse';

/**
 * A CSV file as spreadsheets open it well: a byte order mark so names and notes keep their accents, Windows line
 * ends, and formula escaping so a cell such as "=HYPERLINK(…)" is shown as text rather than run.
 */
export function csvText(fields: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${Papa.unparse({ fields: [...fields], data: rows.map((row) => [...row]) }, { escapeFormulae: true, newline: '\r\n' })}`;
}
