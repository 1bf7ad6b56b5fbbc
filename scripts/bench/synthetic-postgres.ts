/**
 * The synthetic couples of synthetic.ts, seeded into PostgreSQL: the same generator, so the same people, weeks and
 * ratings as in the SQLite file, written with multi-row inserts in one transaction (a seed that fails halfway leaves
 * nothing behind, as the SQLite seed's `.partial` file does).
 */
import pg from 'pg';
import { addWeeks, currentWeek, weeksBetween, type Week } from '#shared/week';
import { migrateToLatest } from '#server/db/migrator';
import { describePostgresUrl, openPostgres } from '#server/db/postgres';
import {
  ASSESSMENT_COLUMNS,
  progressLog,
  syntheticCouple,
  syntheticWeeks,
  USER_COLUMNS,
  type SeedOptions,
  type SeedResult,
  type SyntheticCoupleRows,
  type SyntheticSummary,
} from './synthetic';

/** PostgreSQL's wire protocol numbers a statement's parameters with 16 bits: no statement may carry more. */
export const MAX_PARAMETERS = 65_535;
/** Past a few thousand rows a statement gets no faster per row, and its text grows large. */
const MAX_ROWS_PER_STATEMENT = 2_000;
const COUPLES_PER_BATCH = 50;
const STALE_WEEKS = 4;

export interface PostgresSeedOptions extends Omit<SeedOptions, 'file'> {
  url: string;
}

/** Runs `insert into table (columns) values (...), (...)` for `rows`, as few statements as the limits allow. */
export async function insertRows(
  client: pg.ClientBase,
  table: string,
  columns: string,
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0]!.length;
  const perStatement = Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS / width));
  for (let from = 0; from < rows.length; from += perStatement) {
    const chunk = rows.slice(from, from + perStatement);
    const values: unknown[] = [];
    const tuples = chunk.map((row) => {
      const start = values.length;
      values.push(...row);
      return `(${row.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    await client.query(`insert into ${table} (${columns}) values ${tuples.join(', ')}`, values);
  }
}

/** What the database holds, or null when it has no schema yet. */
export async function inspectSyntheticPostgres(client: pg.ClientBase): Promise<SyntheticSummary | null> {
  const { rows: tables } = await client.query<{ n: string }>(
    "select count(*) as n from information_schema.tables where table_schema = 'public' and table_name = 'users'",
  );
  if (Number(tables[0]!.n) === 0) return null;
  const count = async (text: string) => Number((await client.query<{ n: string }>(text)).rows[0]!.n);
  const synthetic = await count("select count(*) as n from users where email like 'synthetic-%@example.invalid'");
  const range = (
    await client.query<{ first: Week | null; last: Week | null; n: string }>(
      'select min(week) as first, max(week) as last, count(*) as n from assessments',
    )
  ).rows[0]!;
  return {
    couples: await count("select count(*) as n from users where email like 'synthetic-%-a@example.invalid'"),
    weeks: range.first && range.last ? weeksBetween(range.first, range.last) + 1 : 0,
    checkIns: Number(range.n),
    firstWeek: range.first,
    lastWeek: range.last,
    otherUsers: (await count('select count(*) as n from users')) - synthetic,
  };
}

/**
 * Makes sure the database at `url` holds exactly `couples` synthetic couples with `weeks` weeks ending last week, as
 * `ensureSyntheticDatabase` does for a file. Migrates first; refuses a database with people who are not synthetic.
 */
export async function ensureSyntheticPostgres(options: PostgresSeedOptions): Promise<SeedResult> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const now = options.now ?? new Date();
  const lastWeek = addWeeks(currentWeek(now), -1);

  const database = openPostgres(options.url, { poolSize: 1 });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }

  const client = new pg.Client({ connectionString: options.url });
  client.on('error', () => {});
  await client.connect();
  try {
    const existing = await inspectSyntheticPostgres(client);
    if (existing && existing.otherUsers > 0) {
      throw new Error(
        `${describePostgresUrl(options.url)} has ${existing.otherUsers} users that are not synthetic; refusing to replace them.`,
      );
    }
    const fresh = existing?.lastWeek != null && weeksBetween(existing.lastWeek, lastWeek) <= STALE_WEEKS;
    if (existing && fresh && existing.couples === options.couples && existing.weeks === options.weeks) {
      return { ...existing, reused: true, ms: performance.now() - started };
    }
    if (existing && existing.couples > 0) {
      log(
        `${describePostgresUrl(options.url)} holds ${existing.couples} couples x ${existing.weeks} weeks; ` +
          `rebuilding for ${options.couples} x ${options.weeks} ending ${lastWeek}.`,
      );
    }

    await client.query('begin');
    // Nobody else's data is here (checked above): every table but the migrator's own starts empty.
    const { rows: tables } = await client.query<{ name: string }>(
      "select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'",
    );
    if (tables.length > 0) await client.query(`truncate ${tables.map((t) => `"${t.name}"`).join(', ')}`);
    // The seed is one transaction that is thrown away if it fails: waiting for the disk at its commit is enough.
    await client.query('set local synchronous_commit = off');

    const weeks = syntheticWeeks(options.weeks, now);
    const progress = progressLog(options.couples, log);
    let checkIns = 0;
    for (let from = 0; from < options.couples; from += COUPLES_PER_BATCH) {
      const to = Math.min(options.couples, from + COUPLES_PER_BATCH);
      const batch: SyntheticCoupleRows[] = [];
      for (let n = from; n < to; n++) batch.push(syntheticCouple(n, weeks));
      await insertRows(
        client,
        'couples',
        'id, is_demo, created_at',
        batch.map((c) => [c.couple[0], 0, c.couple[1]]),
      );
      await insertRows(
        client,
        'users',
        USER_COLUMNS,
        batch.flatMap((c) =>
          c.users.map(([id, email, hash, name, created]) => [id, email, hash, name, 'partner', 0, created]),
        ),
      );
      await insertRows(
        client,
        'couple_members',
        'couple_id, user_id, joined_at',
        batch.flatMap((c) => c.members),
      );
      const assessments = batch.flatMap((c) => c.assessments);
      await insertRows(client, 'assessments', ASSESSMENT_COLUMNS, assessments);
      checkIns += assessments.length;
      progress(to, checkIns);
    }
    await client.query('commit');
    // Fresh statistics, so the planner sees the table as the app will: half a million rows, not an empty one.
    await client.query('analyze');
    return {
      couples: options.couples,
      weeks: options.weeks,
      checkIns,
      firstWeek: weeks[0] ?? null,
      lastWeek,
      otherUsers: 0,
      reused: false,
      ms: performance.now() - started,
    };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}
