import { sql, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '#server/db/database';
import { isUniqueViolation } from '#server/db/dialect';
import { createMigrator, migrateToLatest, MIGRATIONS } from '#server/db/migrator';
import { columnNames, tableNames } from '../helpers/db-state';
import { sqlRows, sqlRun } from '../helpers/raw-sql';
import { openTestDatabase } from '../helpers/test-database';

// On SQLite in memory, and on an empty PostgreSQL database in the PostgreSQL run: the same migrations build, carry
// forward and take back the same schema on both.

const NAMES = Object.keys(MIGRATIONS).sort();
const FIRST = NAMES[0]!;
const LATEST = NAMES[NAMES.length - 1]!;

let database: OpenDatabase;
beforeEach(async () => {
  database = await openTestDatabase({ empty: true });
});
afterEach(() => database.close());

const all = (query: string, ...params: unknown[]) => sqlRows({ database }, query, ...params);
/** Partners with only the columns every schema since the first has, for a migration test's own rows. */
const insertPartners = async (...ids: string[]) => {
  for (const id of ids) {
    await sqlRun(
      { database },
      "insert into users (id, email, password_hash, display_name, role, created_at) values (?, ?, 'x', ?, 'partner', '2026-09-01T00:00:00.000Z')",
      id,
      `${id}@example.com`,
      id,
    );
  }
};
const tables = () => tableNames({ database });
const columnsOf = (table: string) => columnNames({ database }, table);
const applied = async () => (await all('select name from kysely_migration order by name')).map((r) => r.name);

/**
 * Whatever the database itself can say about its health. SQLite checks its pages and the foreign keys it may have let
 * through while a table was rebuilt; PostgreSQL enforces every constraint at each statement and has no such check.
 */
function expectIntact() {
  if (database.kind !== 'sqlite') return;
  expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(database.sqlite.pragma('foreign_key_check')).toEqual([]);
}

/** The tables of the first schema with a few weeks of a real couple's life in them. */
async function populateFirstSchema() {
  const at = (day: number) => new Date(Date.UTC(2026, 8, day, 19, 30)).toISOString();
  const ratings = (base: number) =>
    JSON.stringify(
      Object.fromEntries(
        [
          'communication',
          'vulnerability',
          'presence',
          'shared-experiences',
          'emotional-needs',
          'trust',
          'empathy',
          'celebration',
          'rituals',
          'patience',
        ].map((id, i) => [id, ((base + i) % 10) + 1]),
      ),
    );
  const run = (query: string, ...params: unknown[]) => sqlRun({ database }, query, ...params);
  const users = [
    ['u-ana', 'ana@example.com', 'Ana', 'partner'],
    ['u-ben', 'ben@example.com', 'Ben', 'partner'],
    ['u-cam', 'cam@example.com', 'Cam Coach', 'coach'],
    ['u-dee', 'dée@example.com', 'Dée 🌿', 'partner'],
  ];
  for (const [id, email, name, role] of users) {
    await run(
      'insert into users (id, email, password_hash, display_name, role, created_at) values (?, ?, ?, ?, ?, ?)',
      id,
      email,
      `scrypt$17$8$1$salt$hash-of-${id}`,
      name,
      role,
      at(1),
    );
  }
  await run("insert into couples (id, created_at) values ('c-1', ?)", at(1));
  await run("insert into couple_members values ('c-1', 'u-ana', ?), ('c-1', 'u-ben', ?)", at(1), at(2));
  await run("insert into couple_invites values ('hash-used', 'c-1', 'u-ana', ?, ?, ?, 'u-ben')", at(1), at(8), at(2));
  await run("insert into sessions values ('sess-ana', 'u-ana', ?, ?, ?)", at(3), at(4), at(30));
  const weeks = ['2026-W36', '2026-W37', '2026-W38', '2026-W39'];
  for (const [i, week] of weeks.entries()) {
    await run(
      'insert into assessments values (?, ?, ?, ?, ?, ?, ?)',
      `a-ana-${i}`,
      'u-ana',
      week,
      ratings(i),
      i === 2 ? 'A hard week; we talked it through.' : null,
      at(3 + 7 * i),
      at(3 + 7 * i),
    );
    await run(
      'insert into assessments values (?, ?, ?, ?, ?, ?, ?)',
      `a-ben-${i}`,
      'u-ben',
      week,
      ratings(i + 3),
      null,
      at(4 + 7 * i),
      at(5 + 7 * i),
    );
  }
  await run(
    'insert into assessments values (?, ?, ?, ?, ?, ?, ?)',
    'a-dee',
    'u-dee',
    '2026-W39',
    ratings(7),
    'Alone for now — 日本語 too.',
    at(20),
    at(20),
  );
}

/** Every row of every first-schema table, reading only the columns that schema had. */
async function firstSchemaContent(firstTables: string[], firstColumns: Record<string, string[]>) {
  const content: Record<string, unknown[]> = {};
  for (const table of firstTables) {
    const columns = firstColumns[table]!.map((c) => `"${c}"`).join(', ');
    content[table] = await all(`select ${columns} from "${table}" order by ${columns}`);
  }
  return content;
}

describe('migrations', () => {
  it('carry a populated first-schema database forward to the latest, keeping every row, and the new tables work', async () => {
    const first = await createMigrator(database.db).migrateTo(FIRST);
    expect(first.error).toBeUndefined();
    expect(await applied()).toEqual([FIRST]);
    await populateFirstSchema();
    const firstTables = (await tables()).filter((t) => !t.startsWith('kysely_'));
    const firstColumns: Record<string, string[]> = {};
    for (const table of firstTables) firstColumns[table] = await columnsOf(table);
    const before = await firstSchemaContent(firstTables, firstColumns);
    expect((before.assessments as unknown[]).length).toBe(9);

    const ran = await migrateToLatest(database.db);
    expect(ran).toEqual(NAMES.slice(1));
    expect(await applied()).toEqual(NAMES);
    expect(await firstSchemaContent(firstTables, firstColumns)).toEqual(before);
    expectIntact();
    // Check-ins from before ratings_changed_at claim no change after their first submission.
    const times = (await all('select created_at, updated_at, ratings_changed_at from assessments')) as Record<
      string,
      string
    >[];
    expect(times).toHaveLength(9);
    expect(times.some((t) => t.updated_at !== t.created_at)).toBe(true);
    for (const t of times) expect(t.ratings_changed_at).toBe(t.created_at);

    // The tables added since are usable with the rows that were already there.
    const db = database.db;
    const now = new Date().toISOString();
    await db
      .insertInto('couple_focuses')
      .values({
        id: 'f1',
        couple_id: 'c-1',
        practice_id: 'trust',
        start_week: '2026-W40',
        end_week: null,
        adopted_by: 'u-ana',
        adopted_at: now,
        ended_at: null,
      })
      .execute();
    await db
      .insertInto('reflections')
      .values({
        id: 'r1',
        user_id: 'u-ben',
        practice_id: 'trust',
        body: 'Small promises kept.',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('coach_invites')
      .values({
        code_hash: 'h',
        couple_id: 'c-1',
        created_by: 'u-ana',
        created_at: now,
        expires_at: now,
        used_at: now,
        used_by: 'u-cam',
      })
      .execute();
    await db.insertInto('coach_links').values({ couple_id: 'c-1', coach_id: 'u-cam', created_at: now }).execute();
    await db
      .insertInto('coach_access_log')
      .values({ id: 'l1', couple_id: 'c-1', coach_id: 'u-cam', coach_name: 'Cam Coach', what: 'dashboard', at: now })
      .execute();
    await db
      .insertInto('coach_focuses')
      .values({ couple_id: 'c-1', coach_id: 'u-cam', practice_id: 'presence', note: null, assigned_at: now })
      .execute();
    await db
      .insertInto('coach_notes')
      .values({
        id: 'n1',
        coach_id: 'u-cam',
        couple_id: 'c-1',
        body: 'Check in on rituals.',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('password_resets')
      .values({ token_hash: 't', user_id: 'u-dee', created_at: now, expires_at: now, used_at: null })
      .execute();
    expect((await db.selectFrom('reflections').select('visibility').executeTakeFirstOrThrow()).visibility).toBe(
      'private',
    );
    // Their constraints hold: one current focus per couple, cascades from the old tables.
    const second = await db
      .insertInto('couple_focuses')
      .values({
        id: 'f2',
        couple_id: 'c-1',
        practice_id: 'rituals',
        start_week: '2026-W41',
        end_week: null,
        adopted_by: 'u-ben',
        adopted_at: now,
        ended_at: null,
      })
      .execute()
      .then(
        () => 'stored',
        (error: unknown) => (isUniqueViolation(error) ? 'refused as a duplicate' : error),
      );
    expect(second).toBe('refused as a duplicate');
    await db.deleteFrom('couples').where('id', '=', 'c-1').execute();
    for (const table of [
      'couple_focuses',
      'coach_invites',
      'coach_links',
      'coach_access_log',
      'coach_focuses',
      'coach_notes',
    ] as const) {
      expect(await db.selectFrom(table).selectAll().execute()).toEqual([]);
    }
    expect(await db.selectFrom('reflections').select('id').execute()).toEqual([{ id: 'r1' }]);
  });

  it('date the sharing of older shared reflections at their creation, the earliest it can have been', async () => {
    await createMigrator(database.db).migrateTo('2026_11_26_0300_ratings_changed_at');
    await insertPartners('u-ana', 'u-ben');
    const insert = (...params: unknown[]) =>
      sqlRun(
        { database },
        'insert into reflections (id, user_id, practice_id, body, visibility, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
        ...params,
      );
    await insert(
      'r-private',
      'u-ana',
      'trust',
      'Mine.',
      'private',
      '2026-09-03T19:30:00.000Z',
      '2026-09-03T19:30:00.000Z',
    );
    await insert(
      'r-partner',
      'u-ana',
      'trust',
      'For Ben.',
      'partner',
      '2026-09-04T19:30:00.000Z',
      '2026-09-20T19:30:00.000Z',
    );
    await insert(
      'r-coach',
      'u-ben',
      'presence',
      'For Ana and the coach.',
      'partner_and_coach',
      '2026-09-05T19:30:00.000Z',
      '2026-09-05T19:30:00.000Z',
    );
    await migrateToLatest(database.db);
    expect(await all('select id, shared_at from reflections order by id')).toEqual([
      { id: 'r-coach', shared_at: '2026-09-05T19:30:00.000Z' },
      { id: 'r-partner', shared_at: '2026-09-04T19:30:00.000Z' },
      { id: 'r-private', shared_at: null },
    ]);
  });

  it("date a partner's leaving for the ones who stayed from the couple's feed, and only a leaving after they joined", async () => {
    await createMigrator(database.db).migrateTo('2026_12_05_1000_reset_addresses');
    await insertPartners('u-ana', 'u-cal');
    await sqlRun({ database }, "insert into couples (id, created_at) values ('c-1', '2026-09-01T00:00:00.000Z')");
    const member = (userId: string, joinedAt: string) =>
      sqlRun(
        { database },
        'insert into couple_members (couple_id, user_id, joined_at) values (?, ?, ?)',
        'c-1',
        userId,
        joinedAt,
      );
    const left = (id: string, at: string) =>
      sqlRun(
        { database },
        "insert into activity_events (id, couple_id, kind, actor_id, week, at) values (?, 'c-1', 'left', null, null, ?)",
        id,
        at,
      );
    // Ana was there first; two partners left her (the latest counts); Cal joined after both.
    await member('u-ana', '2026-09-02T00:00:00.000Z');
    await left('e-1', '2026-10-01T00:00:00.000Z');
    await left('e-2', '2026-11-01T00:00:00.000Z');
    await member('u-cal', '2026-11-10T00:00:00.000Z');
    await migrateToLatest(database.db);
    expect(await all('select user_id, partner_left_at from couple_members order by user_id')).toEqual([
      { user_id: 'u-ana', partner_left_at: '2026-11-01T00:00:00.000Z' },
      { user_id: 'u-cal', partner_left_at: null },
    ]);
  });

  it('take back the ratings change time and apply it again, keeping every check-in', async () => {
    const migrator = createMigrator(database.db);
    await migrator.migrateTo(FIRST);
    await populateFirstSchema();
    const third = '2026_11_26_0300_ratings_changed_at';
    await migrator.migrateTo(NAMES[NAMES.indexOf(third) - 1]!);
    const columnsBefore = await columnsOf('assessments');
    const checkInsBefore = await all('select * from assessments order by id');

    expect((await migrator.migrateTo(third)).error).toBeUndefined();
    expect(await columnsOf('assessments')).toEqual([...columnsBefore, 'ratings_changed_at']);
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results).toEqual([{ migrationName: third, direction: 'Down', status: 'Success' }]);
    expect(await applied()).toEqual(NAMES.slice(0, NAMES.indexOf(third)));
    expect(await columnsOf('assessments')).toEqual(columnsBefore);
    expect(await all('select * from assessments order by id')).toEqual(checkInsBefore);
    expectIntact();

    expect((await migrator.migrateUp()).error).toBeUndefined();
    expect((await applied()).at(-1)).toBe(third);
    const times = await all('select created_at, ratings_changed_at from assessments');
    expect(times).toHaveLength(checkInsBefore.length);
    for (const t of times) expect(t.ratings_changed_at).toBe(t.created_at);
  });

  it('can each be taken back, newest first, down to the first schema with its rows as they were, and applied again', async () => {
    const migrator = createMigrator(database.db);
    await migrator.migrateTo(FIRST);
    await populateFirstSchema();
    // Rows compared as sorted JSON: a table rebuilt by a migration may hand its rows back in another order.
    const contents = async () => {
      const content: Record<string, { columns: string[]; rows: string[] }> = {};
      for (const table of await tables()) {
        content[table] = {
          columns: await columnsOf(table),
          rows: (await all(`select * from "${table}"`)).map((row) => JSON.stringify(row)).sort(),
        };
      }
      return content;
    };
    const firstSchema = await contents();
    expect(Object.values(firstSchema).some(({ rows }) => rows.length > 0)).toBe(true);

    await migrateToLatest(database.db);
    expect(await applied()).toEqual(NAMES);
    for (const name of NAMES.slice(1).reverse()) {
      const down = await migrator.migrateDown();
      expect(down.error).toBeUndefined();
      expect(down.results).toEqual([{ migrationName: name, direction: 'Down', status: 'Success' }]);
    }
    expect(await applied()).toEqual([FIRST]);
    expect(await contents()).toEqual(firstSchema);
    expectIntact();

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(await applied()).toEqual(NAMES);
  });

  it('end at the schema the app declares: latest is the last migration listed', async () => {
    await migrateToLatest(database.db);
    expect((await applied()).at(-1)).toBe(LATEST);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('run each migration in its own transaction: a failing one leaves no trace, the ones before it stay', async () => {
    await createMigrator(database.db).migrateTo(FIRST);
    await populateFirstSchema();
    const usersBefore = await all('select * from users order by id');
    const columnsBefore = await columnsOf('users');

    const halfDone: Migration = {
      async up(db) {
        await db.schema
          .createTable('half_done')
          .addColumn('id', 'text', (c) => c.primaryKey())
          .execute();
        await db.schema.alterTable('users').addColumn('nickname', 'text').execute();
        await db.updateTable('users').set({ display_name: 'overwritten' }).execute();
        await sql`insert into half_done values ('row')`.execute(db);
        throw new Error('the disk is full');
      },
    };
    const withBroken = { ...MIGRATIONS, '2099_01_01_0000_half_done': halfDone };

    await expect(migrateToLatest(database.db, withBroken)).rejects.toThrow(
      'Database migration 2099_01_01_0000_half_done failed: the disk is full',
    );
    expect(await applied()).toEqual(NAMES);
    expect(await tables()).not.toContain('half_done');
    expect(await columnsOf('users')).toEqual(columnsBefore);
    expect(await all('select * from users order by id')).toEqual(usersBefore);
    // No transaction is left open: SQLite's one connection is out of it; every PostgreSQL connection is back, idle.
    if (database.kind === 'sqlite') expect(database.sqlite.inTransaction).toBe(false);
    else expect(database.pool.idleCount).toBe(database.pool.totalCount);
    expectIntact();

    // Once fixed, the same database moves on.
    const halfDoneFixed: Migration = {
      up: (db) => db.schema.createTable('half_done').addColumn('id', 'text').execute(),
    };
    const fixed = { ...MIGRATIONS, '2099_01_01_0000_half_done': halfDoneFixed };
    expect(await migrateToLatest(database.db, fixed)).toEqual(['2099_01_01_0000_half_done']);
  });

  // Needs no test database: a plain SQLite handle is the one kind that would run migrations without transactions.
  it('refuse a database handle that would run migrations outside transactions', async () => {
    const { Kysely: KyselyClass, SqliteDialect } = await import('kysely');
    const SQLite = (await import('better-sqlite3')).default;
    const plain = new KyselyClass<unknown>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    expect(() => createMigrator(plain)).toThrow(/transaction/);
    await plain.destroy();
  });
});
