import { CompiledQuery, type Compilable } from 'kysely';
import type { DB } from './database';
import { dialectOf } from './dialect';

/** What a compiled-once query takes: strings, lists of strings, or null (which may change the SQL, as a list's length does). */
export type QueryArg = string | null | readonly string[];

type Slot = { fixed: unknown } | { arg: number; item: number | null };

interface Template {
  sql: string;
  slots: Slot[];
}

// Stand-ins exist only while a template is compiled, where no constant of a query holds a NUL character. Spaces and
// capitals around it make trimming or changing the case of an argument show, as a stand-in that no longer matches.
const STAND_IN = ' \u0000ARG';
const standIn = (place: string) => `${STAND_IN}${place} `;
// The place a stand-in names: the argument, and the item for a list.
const PLACE_PATTERN = /^(\d+)(?:\.(\d+))? $/;

/**
 * Whether every call is also built the ordinary way and compared (see `compiledOnce`). On under the test runner, and
 * wherever TANDEM_CHECK_COMPILED=1 is set; off in production, where it would undo the saving.
 */
export const checkEveryCall = process.env.VITEST !== undefined || process.env.TANDEM_CHECK_COMPILED === '1';

/**
 * A Kysely query built and compiled once per shape, then run again with new values. What it saves, from
 * `npm run bench` (2026-12-02, ratios to the same run's floor plus an HTTP round trip): `dashboard.get` at 2.4-2.5x
 * for five years and 2.5x for twelve weeks; with the same queries built afresh on every call, 2.6-2.7x and 2.9-3.1x.
 *
 * Write the query the ordinary way, as a function of `db` and its arguments, and wrap it:
 * `const byCouple = compiledOnce((db: DB, coupleId: string) => db.selectFrom(...).where('couple_id', '=', coupleId))`.
 * Arguments are strings, lists of strings, or null. The first call of each shape (a value, null, or a list of n
 * values) builds the query with a stand-in for each value and notes where each lands among the compiled parameters;
 * later calls only fill those places in. So a query may depend on its arguments through their shape (a null or a
 * longer list may build other SQL) but must pass each value to SQL as it is: a value that is changed, dropped or
 * written into the SQL text is refused on the first call, and under tests (`checkEveryCall`) every call is also built
 * the ordinary way and must give the same SQL and parameters, so a query that branches on a value fails its test
 * instead of answering wrongly. The SQL depends on the dialect alone, so one cache per dialect serves every connection
 * and transaction; the queries still run through Kysely (its driver, its log, its transactions).
 */
export function compiledOnce<Args extends QueryArg[], Row>(build: (db: DB, ...args: Args) => Compilable<Row>) {
  const templates = new Map<string, Template>();
  return async (db: DB, ...args: Args): Promise<Row[]> => {
    // SQLite and PostgreSQL compile to different SQL (`?` against `$1`); one process may hold both (a copy, the bench).
    const shape = `${dialectOf(db)}:${args
      .map((arg) => (arg === null ? 'null' : typeof arg === 'string' ? 'value' : `list${arg.length}`))
      .join(',')}`;
    let template = templates.get(shape);
    if (!template) {
      template = compileTemplate(db, build, args);
      templates.set(shape, template);
    }
    const parameters = template.slots.map((slot) =>
      'fixed' in slot ? slot.fixed : valueAt(args, slot.arg, slot.item),
    );
    if (checkEveryCall) compareWithOrdinary(build(db, ...args).compile(), template.sql, parameters);
    const result = await db.executeQuery<Row>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}

function compareWithOrdinary(ordinary: CompiledQuery, sql: string, parameters: readonly unknown[]): void {
  const same =
    ordinary.sql === sql &&
    ordinary.parameters.length === parameters.length &&
    ordinary.parameters.every((p, i) => p === parameters[i]);
  if (!same) {
    throw new Error(
      `compiledOnce: this call builds other SQL than the first call of its shape did, so the query depends on a value, ` +
        `not only on the shape of its arguments (${ordinary.sql})`,
    );
  }
}

function compileTemplate<Args extends QueryArg[], Row>(
  db: DB,
  build: (db: DB, ...args: Args) => Compilable<Row>,
  args: Args,
): Template {
  const standIns = args.map((arg, index) =>
    arg === null
      ? null
      : typeof arg === 'string'
        ? standIn(`${index}`)
        : arg.map((_, item) => standIn(`${index}.${item}`)),
  ) as Args;
  const compiled = build(db, ...standIns).compile();
  const used = new Set<string>();
  // A value the query changed (trimmed, joined, wrapped in a pattern) would be lost: such a query is refused outright.
  const refuse = () => new Error(`compiledOnce: the query must pass each argument to SQL unchanged (${compiled.sql})`);
  // An argument written into the SQL text itself (sql.raw, a reference) would be frozen there.
  if (compiled.sql.includes('\u0000')) throw refuse();
  const slots = compiled.parameters.map((parameter): Slot => {
    if (typeof parameter !== 'string' || !parameter.includes('\u0000')) return { fixed: parameter };
    const place = parameter.startsWith(STAND_IN) ? PLACE_PATTERN.exec(parameter.slice(STAND_IN.length)) : null;
    if (!place) throw refuse();
    used.add(parameter);
    return { arg: Number(place[1]), item: place[2] === undefined ? null : Number(place[2]) };
  });
  const expected = standIns.flatMap((standIn) =>
    standIn === null ? [] : typeof standIn === 'string' ? [standIn] : standIn,
  );
  if (expected.some((standIn) => !used.has(standIn))) throw refuse();
  return { sql: compiled.sql, slots };
}

function valueAt(args: readonly QueryArg[], arg: number, item: number | null): unknown {
  const value = args[arg];
  return item === null ? value : (value as readonly string[])[item];
}
