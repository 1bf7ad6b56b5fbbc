/**
 * The floors: the rows a request needs, read as directly as each database allows, then JSON.stringify'd. On SQLite,
 * prepared better-sqlite3 statements on the bench's own connection; on PostgreSQL, plain `pg` named (server-side
 * prepared) statements on a pool of its own, the roster's reads side by side as the app runs them.
 */
import type SQLite from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Week } from '#shared/week';

export interface FloorReader {
  kind: 'sqlite' | 'postgres';
  /** The first week any of these people logged. */
  firstWeek(memberIds: readonly [string, string]): Promise<Week | null>;
  /** The dashboard's one read of check-ins: returns the JSON text's length (so nothing is optimised away). */
  dashboard(memberIds: readonly [string, string], fromWeek: Week): Promise<{ rows: number; bytes: number }>;
  /**
   * The roster's reads: the three below, and its reads of measures as the app compiles them (their SQL is long, and
   * copying it here would measure a copy rather than what the app runs), prepared all the same.
   */
  roster(
    coachId: string,
    fromWeek: Week,
    toWeek: Week,
    measures: readonly CompiledQuery[],
  ): Promise<{ rows: number; bytes: number }>;
  close(): Promise<void>;
}

// The dashboard's one read of check-ins, with the answer times it also reads (for a change after both answered).
export const DASHBOARD_FLOOR_SQL =
  'select user_id, week, ratings, created_at, ratings_changed_at from assessments where user_id in (?, ?) and week >= ? order by week';

const PARTNERS_OF_COACH =
  'select m.user_id from coach_links l join couple_members m on m.couple_id = l.couple_id where l.coach_id = ?';
export const ROSTER_FLOOR_SQL = [
  `select l.couple_id, c.created_at, m.user_id, m.joined_at, u.display_name, cf.practice_id,
       (select max(a.week) from assessments a where a.user_id = m.user_id) as last_week from coach_links l
     join couples c on c.id = l.couple_id left join couple_members m on m.couple_id = l.couple_id
     left join users u on u.id = m.user_id left join coach_focuses cf on cf.couple_id = l.couple_id and cf.coach_id = l.coach_id
     where l.coach_id = ?`,
  `select user_id, week, ratings from assessments where user_id in (${PARTNERS_OF_COACH}) and week >= ? and week <= ?`,
  `select l.couple_id, max(case when f.end_week is null then f.practice_id end) as current, max(f.end_week) as last_end
     from coach_links l join couple_focuses f on f.couple_id = l.couple_id where l.coach_id = ? group by l.couple_id`,
] as const;

// One min() per person, which both databases answer from the first entry of the (user_id, week) index, as the app's
// query does (the app also bounds a partner's weeks by the membership; the floor's couples have always been together).
const FIRST_WEEK_SQL =
  'select min(week) as first from (select min(week) as week from assessments where user_id = ? ' +
  'union all select min(week) as week from assessments where user_id = ?) as firsts';

export function sqliteFloor(sqlite: SQLite.Database): FloorReader {
  const dashboard = sqlite.prepare(DASHBOARD_FLOOR_SQL);
  const roster = ROSTER_FLOOR_SQL.map((sql) => sqlite.prepare(sql));
  const first = sqlite.prepare(FIRST_WEEK_SQL);
  const prepared = new Map<string, SQLite.Statement>();
  const prepare = (sql: string) => {
    const known = prepared.get(sql);
    if (known) return known;
    const statement = sqlite.prepare(sql);
    prepared.set(sql, statement);
    return statement;
  };
  return {
    kind: 'sqlite',
    firstWeek: (ids) => Promise.resolve((first.get(ids[0], ids[1]) as { first: Week | null }).first),
    dashboard: (ids, fromWeek) => {
      const rows = dashboard.all(ids[0], ids[1], fromWeek);
      return Promise.resolve({ rows: rows.length, bytes: JSON.stringify(rows).length });
    },
    roster: (coachId, fromWeek, toWeek, measures) => {
      const results = [
        roster[0]!.all(coachId),
        roster[1]!.all(coachId, fromWeek, toWeek),
        roster[2]!.all(coachId),
        ...measures.map((m) => prepare(m.sql).all(...m.parameters)),
      ];
      return Promise.resolve({
        rows: results.reduce((n, r) => n + r.length, 0),
        bytes: JSON.stringify(results).length,
      });
    },
    close: () => Promise.resolve(),
  };
}

/** `?` placeholders numbered for PostgreSQL ($1, $2, …). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export function postgresFloor(url: string): FloorReader {
  // Four connections: the roster's reads (three, and one of measures) run side by side, as the app's pool runs them.
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  const query = async (name: string, sql: string, values: unknown[]): Promise<unknown[]> =>
    (await pool.query<Record<string, unknown>>({ name, text: numbered(sql), values })).rows;
  return {
    kind: 'postgres',
    firstWeek: async (ids) =>
      ((await query('floor-first', FIRST_WEEK_SQL, [...ids]))[0] as { first: Week | null }).first,
    dashboard: async (ids, fromWeek) => {
      const rows = await query('floor-dashboard', DASHBOARD_FLOOR_SQL, [ids[0], ids[1], fromWeek]);
      return { rows: rows.length, bytes: JSON.stringify(rows).length };
    },
    roster: async (coachId, fromWeek, toWeek, measures) => {
      const results = await Promise.all([
        query('floor-roster-0', ROSTER_FLOOR_SQL[0], [coachId]),
        query('floor-roster-1', ROSTER_FLOOR_SQL[1], [coachId, fromWeek, toWeek]),
        query('floor-roster-2', ROSTER_FLOOR_SQL[2], [coachId]),
        // Already numbered ($1, $2, …) by Kysely's PostgreSQL compiler.
        ...measures.map(
          async (m, i) =>
            (
              await pool.query<Record<string, unknown>>({
                name: `floor-roster-m${i}`,
                text: m.sql,
                values: [...m.parameters],
              })
            ).rows,
        ),
      ]);
      return { rows: results.reduce((n, r) => n + r.length, 0), bytes: JSON.stringify(results).length };
    },
    close: () => pool.end(),
  };
}
