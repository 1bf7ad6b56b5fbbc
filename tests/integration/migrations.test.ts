import { sql, type Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '#server/db/database';
import { createMigrator, migrateToLatest, MIGRATIONS } from '#server/db/migrator';
import { columnNames, tableNames } from '../helpers/db-state';

const NAMES = Object.keys(MIGRATIONS).sort();
const FIRST = NAMES[0]!;
const LATEST = NAMES[NAMES.length - 1]!;

let database: OpenDatabase;
beforeEach(() => {
  database = openDatabase(':memory:');
});
afterEach(() => database.close());

const all = (query: string, ...params: unknown[]) =>
  database.sqlite.prepare(query).all(...params) as Record<string, unknown>[];
const tables = () => tableNames(database.sqlite);
const columnsOf = (table: string) => columnNames(database.sqlite, table);
const applied = () => all('select name from kysely_migration order by name').map((r) => r.name);

/** The tables of the first schema with a few weeks of a real couple's life in them. */
function populateFirstSchema() {
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
  const run = (query: string, ...params: unknown[]) => database.sqlite.prepare(query).run(...params);
  const users = [
    ['u-ana', 'ana@example.com', 'Ana', 'partner'],
    ['u-ben', 'ben@example.com', 'Ben', 'partner'],
    ['u-cam', 'cam@example.com', 'Cam Coach', 'coach'],
    ['u-dee', 'dée@example.com', 'Dée 🌿', 'partner'],
  ];
  for (const [id, email, name, role] of users) {
    run(
      'insert into users (id, email, password_hash, display_name, role, created_at) values (?, ?, ?, ?, ?, ?)',
      id,
      email,
      `scrypt$17$8$1$salt$hash-of-${id}`,
      name,
      role,
      at(1),
    );
  }
  run("insert into couples (id, created_at) values ('c-1', ?)", at(1));
  run("insert into couple_members values ('c-1', 'u-ana', ?), ('c-1', 'u-ben', ?)", at(1), at(2));
  run("insert into couple_invites values ('hash-used', 'c-1', 'u-ana', ?, ?, ?, 'u-ben')", at(1), at(8), at(2));
  run("insert into sessions values ('sess-ana', 'u-ana', ?, ?, ?)", at(3), at(4), at(30));
  const weeks = ['2026-W36', '2026-W37', '2026-W38', '2026-W39'];
  weeks.forEach((week, i) => {
    run(
      'insert into assessments values (?, ?, ?, ?, ?, ?, ?)',
      `a-ana-${i}`,
      'u-ana',
      week,
      ratings(i),
      i === 2 ? 'A hard week; we talked it through.' : null,
      at(3 + 7 * i),
      at(3 + 7 * i),
    );
    run(
      'insert into assessments values (?, ?, ?, ?, ?, ?, ?)',
      `a-ben-${i}`,
      'u-ben',
      week,
      ratings(i + 3),
      null,
      at(4 + 7 * i),
      at(5 + 7 * i),
    );
  });
  run(
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
function firstSchemaContent(firstTables: string[], firstColumns: Record<string, string[]>) {
  return Object.fromEntries(
    firstTables.map((table) => {
      const columns = firstColumns[table]!.map((c) => `"${c}"`).join(', ');
      return [table, all(`select ${columns} from "${table}" order by ${columns}`)];
    }),
  );
}

describe('migrations', () => {
  it('carry a populated first-schema database forward to the latest, keeping every row, and the new tables work', async () => {
    const first = await createMigrator(database.db).migrateTo(FIRST);
    expect(first.error).toBeUndefined();
    expect(applied()).toEqual([FIRST]);
    populateFirstSchema();
    const firstTables = tables().filter((t) => !t.startsWith('kysely_'));
    const firstColumns = Object.fromEntries(firstTables.map((t) => [t, columnsOf(t)]));
    const before = firstSchemaContent(firstTables, firstColumns);
    expect((before.assessments as unknown[]).length).toBe(9);

    const ran = await migrateToLatest(database.db);
    expect(ran).toEqual(NAMES.slice(1));
    expect(applied()).toEqual(NAMES);
    expect(firstSchemaContent(firstTables, firstColumns)).toEqual(before);
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(database.sqlite.pragma('foreign_key_check')).toEqual([]);
    // Check-ins from before ratings_changed_at claim no change after their first submission.
    const times = database.sqlite
      .prepare('select created_at, updated_at, ratings_changed_at from assessments')
      .all() as Record<string, string>[];
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
    await expect(
      db
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
        .execute(),
    ).rejects.toThrow(/UNIQUE/);
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
    for (const id of ['u-ana', 'u-ben']) {
      database.sqlite
        .prepare(
          "insert into users (id, email, password_hash, display_name, role, created_at) values (?, ?, 'x', ?, 'partner', '2026-09-01T00:00:00.000Z')",
        )
        .run(id, `${id}@example.com`, id);
    }
    const insert = database.sqlite.prepare(
      'insert into reflections (id, user_id, practice_id, body, visibility, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?)',
    );
    insert.run(
      'r-private',
      'u-ana',
      'trust',
      'Mine.',
      'private',
      '2026-09-03T19:30:00.000Z',
      '2026-09-03T19:30:00.000Z',
    );
    insert.run(
      'r-partner',
      'u-ana',
      'trust',
      'For Ben.',
      'partner',
      '2026-09-04T19:30:00.000Z',
      '2026-09-20T19:30:00.000Z',
    );
    insert.run(
      'r-coach',
      'u-ben',
      'presence',
      'For Ana and the coach.',
      'partner_and_coach',
      '2026-09-05T19:30:00.000Z',
      '2026-09-05T19:30:00.000Z',
    );
    await migrateToLatest(database.db);
    expect(all('select id, shared_at from reflections order by id')).toEqual([
      { id: 'r-coach', shared_at: '2026-09-05T19:30:00.000Z' },
      { id: 'r-partner', shared_at: '2026-09-04T19:30:00.000Z' },
      { id: 'r-private', shared_at: null },
    ]);
  });

  it('take back the ratings change time and apply it again, keeping every check-in', async () => {
    const migrator = createMigrator(database.db);
    await migrator.migrateTo(FIRST);
    populateFirstSchema();
    const third = '2026_11_26_0300_ratings_changed_at';
    await migrator.migrateTo(NAMES[NAMES.indexOf(third) - 1]!);
    const columnsBefore = columnsOf('assessments');
    const checkInsBefore = all('select * from assessments order by id');

    expect((await migrator.migrateTo(third)).error).toBeUndefined();
    expect(columnsOf('assessments')).toEqual([...columnsBefore, 'ratings_changed_at']);
    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    expect(down.results).toEqual([{ migrationName: third, direction: 'Down', status: 'Success' }]);
    expect(applied()).toEqual(NAMES.slice(0, NAMES.indexOf(third)));
    expect(columnsOf('assessments')).toEqual(columnsBefore);
    expect(all('select * from assessments order by id')).toEqual(checkInsBefore);
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    expect((await migrator.migrateUp()).error).toBeUndefined();
    expect(applied().at(-1)).toBe(third);
    const times = all('select created_at, ratings_changed_at from assessments');
    expect(times).toHaveLength(checkInsBefore.length);
    for (const t of times) expect(t.ratings_changed_at).toBe(t.created_at);
  });

  it('can each be taken back, newest first, down to the first schema with its rows as they were, and applied again', async () => {
    const migrator = createMigrator(database.db);
    await migrator.migrateTo(FIRST);
    populateFirstSchema();
    // Rows compared as sorted JSON: a table rebuilt by a migration may hand its rows back in another order.
    const contents = () =>
      Object.fromEntries(
        tables().map((table) => [
          table,
          {
            columns: columnsOf(table),
            rows: all(`select * from "${table}"`)
              .map((row) => JSON.stringify(row))
              .sort(),
          },
        ]),
      );
    const firstSchema = contents();
    expect(Object.values(firstSchema).some(({ rows }) => rows.length > 0)).toBe(true);

    await migrateToLatest(database.db);
    expect(applied()).toEqual(NAMES);
    for (const name of NAMES.slice(1).reverse()) {
      const down = await migrator.migrateDown();
      expect(down.error).toBeUndefined();
      expect(down.results).toEqual([{ migrationName: name, direction: 'Down', status: 'Success' }]);
    }
    expect(applied()).toEqual([FIRST]);
    expect(contents()).toEqual(firstSchema);
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    expect(applied()).toEqual(NAMES);
  });

  it('end at the schema the app declares: latest is the last migration listed', async () => {
    await migrateToLatest(database.db);
    expect(applied().at(-1)).toBe(LATEST);
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('run each migration in its own transaction: a failing one leaves no trace, the ones before it stay', async () => {
    await createMigrator(database.db).migrateTo(FIRST);
    populateFirstSchema();
    const usersBefore = all('select * from users order by id');
    const columnsBefore = columnsOf('users');

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
    expect(applied()).toEqual(NAMES);
    expect(tables()).not.toContain('half_done');
    expect(columnsOf('users')).toEqual(columnsBefore);
    expect(all('select * from users order by id')).toEqual(usersBefore);
    expect(database.sqlite.inTransaction).toBe(false);
    expect(database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');

    // Once fixed, the same database moves on.
    const halfDoneFixed: Migration = {
      up: (db) => db.schema.createTable('half_done').addColumn('id', 'text').execute(),
    };
    const fixed = { ...MIGRATIONS, '2099_01_01_0000_half_done': halfDoneFixed };
    expect(await migrateToLatest(database.db, fixed)).toEqual(['2099_01_01_0000_half_done']);
  });

  it('refuse a database handle that would run migrations outside transactions', async () => {
    const { Kysely: KyselyClass, SqliteDialect } = await import('kysely');
    const SQLite = (await import('better-sqlite3')).default;
    const plain = new KyselyClass<unknown>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) });
    expect(() => createMigrator(plain)).toThrow(/transaction/);
    await plain.destroy();
  });
});
