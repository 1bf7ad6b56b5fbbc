import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, type OpenPostgresDatabase } from '#server/db/postgres';
import { createPostgresDatabase, type CreatedDatabase } from '../helpers/test-database';

// What the app's PostgreSQL connections prepare, read back from the server's own view of them. PostgreSQL alone has
// prepared statements, so this file runs in the integration-postgres project only (vitest.config.ts).

let created: CreatedDatabase;
let database: OpenPostgresDatabase;

beforeEach(async () => {
  created = await createPostgresDatabase({ empty: true });
  // One connection, so every statement below meets the same session's prepared statements.
  database = openPostgres(created.url, { poolSize: 1 });
  await sql`create table notes (id integer primary key, body text not null)`.execute(database.db);
  await sql`insert into notes (id, body) values (1, 'one'), (2, 'two')`.execute(database.db);
});

afterEach(async () => {
  await database.close();
  await created.drop();
});

async function preparedTexts(): Promise<string[]> {
  const { rows } = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(database.db);
  return rows.map((r) => r.statement);
}

async function bodyOf(id: number): Promise<string | undefined> {
  const { rows } = await sql<{ body: string }>`select body from notes where id = ${id}`.execute(database.db);
  return rows[0]?.body;
}

describe('statements sent through Kysely on PostgreSQL', () => {
  it('are prepared once per connection and reused with new parameters', async () => {
    expect(await bodyOf(1)).toBe('one');
    expect(await bodyOf(2)).toBe('two');
    const texts = await preparedTexts();
    const matching = texts.filter((t) => t.includes('from notes'));
    expect(matching).toHaveLength(1);
    expect(matching[0]).toContain('$1');
  });

  it('keep answering after the table they read changes shape', async () => {
    expect(await bodyOf(1)).toBe('one');
    await sql`alter table notes add column written_at text`.execute(database.db);
    await sql`update notes set body = 'one, again' where id = 1`.execute(database.db);
    expect(await bodyOf(1)).toBe('one, again');
  });

  it('leave the connection usable after a statement the server refuses', async () => {
    await expect(sql`select nothing_here from notes where id = ${1}`.execute(database.db)).rejects.toThrow(
      /nothing_here/,
    );
    expect(await bodyOf(2)).toBe('two');
  });

  it('go out unnamed beyond 500 distinct texts on one connection, and still answer', async () => {
    for (let i = 0; i < 520; i++) {
      const { rows } = await sql<{ n: number }>`select ${sql.lit(i)} + ${1}::integer as n`.execute(database.db);
      expect(rows[0]?.n).toBe(i + 1);
    }
    // beforeEach's insert was the first; the create, a schema change, was never named.
    expect(await preparedTexts()).toHaveLength(500);
  });

  it('leave schema changes and transaction control unnamed', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`update notes set body = ${'two, again'} where id = ${2}`.execute(trx);
    });
    const texts = await preparedTexts();
    expect(texts.some((t) => /^\s*(create|alter|begin|commit|start)/i.test(t))).toBe(false);
    expect(texts.some((t) => t.startsWith('update notes'))).toBe(true);
  });
});

describe('the statement time limit', () => {
  it('is 30 s on the app’s connections and none on a connection opened for migrations, whatever the database says', async () => {
    const limit = async (db: OpenPostgresDatabase) =>
      (await sql<{ statement_timeout: string }>`show statement_timeout`.execute(db.db)).rows[0]!.statement_timeout;
    expect(await limit(database)).toBe('30s');
    // A limit set on the database (as on a role, for PgBouncer), which new connections take unless they say otherwise.
    const name = new URL(created.url).pathname.slice(1);
    await sql.raw(`alter database "${name}" set statement_timeout = '5s'`).execute(database.db);
    const migrating = openPostgres(created.url, { poolSize: 1, statementTimeoutMs: 0 });
    try {
      expect(await limit(migrating)).toBe('0');
    } finally {
      await migrating.close();
    }
  });
});
