import { CompiledQuery, type Compilable } from 'kysely';
import type { DB } from './database';

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
 * A Kysely query built and compiled once per shape, then run again with new values.
 *
 * Kysely builds and compiles every query afresh, and for the short queries every request makes (the session, the
 * couple, its weeks) that costs more than SQLite takes to answer them. So the query is built once with a stand-in
 * for each value, the place of each stand-in among the compiled parameters is noted, and later calls only fill the
 * places in. The shape is the pattern of the arguments (a value, null, or a list of n values): a null or a longer
 * list builds different SQL, so a query may depend on its arguments only through their shape, never branch on a
 * value. The SQL depends on the dialect alone, so one cache serves every connection and transaction; the queries
 * still run through Kysely (its driver, its log, its transactions).
 */
export function compiledOnce<Args extends QueryArg[], Row>(build: (db: DB, ...args: Args) => Compilable<Row>) {
  const templates = new Map<string, Template>();
  return async (db: DB, ...args: Args): Promise<Row[]> => {
    const shape = args.map((arg) => (arg === null ? 'null' : typeof arg === 'string' ? 'value' : `list${arg.length}`)).join(',');
    let template = templates.get(shape);
    if (!template) {
      template = compileTemplate(db, build, args);
      templates.set(shape, template);
    }
    const parameters = template.slots.map((slot) => ('fixed' in slot ? slot.fixed : valueAt(args, slot.arg, slot.item)));
    const result = await db.executeQuery<Row>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  };
}

function compileTemplate<Args extends QueryArg[], Row>(db: DB, build: (db: DB, ...args: Args) => Compilable<Row>, args: Args): Template {
  const standIns = args.map((arg, index) =>
    arg === null ? null : typeof arg === 'string' ? standIn(`${index}`) : arg.map((_, item) => standIn(`${index}.${item}`)),
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
  const expected = standIns.flatMap((standIn) => (standIn === null ? [] : typeof standIn === 'string' ? [standIn] : standIn));
  if (expected.some((standIn) => !used.has(standIn))) throw refuse();
  return { sql: compiled.sql, slots };
}

function valueAt(args: readonly QueryArg[], arg: number, item: number | null): unknown {
  const value = args[arg];
  return item === null ? value : (value as readonly string[])[item];
}
