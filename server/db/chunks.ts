/** Rows per insert: well under SQLite's limit of bound parameters (32,766), whatever the column count. */
export const ROWS_PER_STATEMENT = 400;

/**
 * Terms per OR in one statement: SQLite nests each term of an OR chain one level deeper and refuses an expression
 * deeper than 1,000 ("Expression tree is too large"); PostgreSQL has no such limit, and runs the same batches.
 */
export const OR_TERMS_PER_STATEMENT = 200;

/**
 * Values in one `in (...)` list: each is a bound parameter, and a statement may bind at most 32,766 on SQLite and
 * 65,535 on PostgreSQL. A list of everyone with an option on can grow past both.
 */
export const IDS_PER_IN_LIST = 10_000;

/** The items in order, in slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number = ROWS_PER_STATEMENT): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
