import { sql, type LogEvent } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkEveryCall, compiledOnce } from '#server/db/compiled-once';
import type { DB, OpenDatabase } from '#server/db/database';
import { openTestDatabase } from '../helpers/test-database';

// A real database with the real schema (SQLite in memory, or PostgreSQL in that run); the users table is enough to
// check the mechanism.
let database: OpenDatabase;
let logged: string[];
beforeEach(async () => {
  logged = [];
  database = await openTestDatabase({
    log: (event: LogEvent) => {
      if (event.level === 'query') logged.push(event.query.sql);
    },
  });
  const now = '2026-11-25T12:00:00.000Z';
  for (const [id, name, role] of [
    ['u1', 'Ana', 'partner'],
    ['u2', 'Ben', 'partner'],
    ['u3', 'Cleo', 'coach'],
  ] as const) {
    await database.db
      .insertInto('users')
      .values({ id, email: `${id}@example.com`, password_hash: 'x', display_name: name, role, created_at: now })
      .execute();
  }
  logged = [];
});
afterEach(async () => {
  await database.close();
});

// Each test defines its own query, so every one starts from an empty cache of shapes.
const usersQuery = () =>
  compiledOnce((db: DB, ids: readonly string[], name: string | null) => {
    const query = db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids);
    return (name === null ? query : query.where('display_name', '=', name)).orderBy('id');
  });

const direct = (ids: string[], name: string | null) => {
  const query = database.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids);
  return (name === null ? query : query.where('display_name', '=', name)).orderBy('id').execute();
};

describe('compiledOnce', () => {
  it('answers as the query built afresh would, for new values and every shape of arguments', async () => {
    const query = usersQuery();
    const cases: [string[], string | null][] = [
      [['u1'], null],
      [['u2'], null],
      [['u1', 'u3'], 'Ana'],
      [['u3', 'u1'], 'Cleo'],
      [['u1', 'u2', 'u3'], null],
      [['u1', 'u2', 'u3'], 'Ben'],
      [['nobody'], 'Ana'],
    ];
    for (const [ids, name] of cases) {
      const rows = await query(database.db, ids, name);
      expect({ ids, name, rows }).toEqual({ ids, name, rows: await direct(ids, name) });
    }
    // Not vacuous: the shapes differ, and so do the answers.
    expect(await query(database.db, ['u1', 'u2', 'u3'], 'Ben')).toEqual([{ id: 'u2', display_name: 'Ben' }]);
  });

  it('keeps values as parameters: text that looks like SQL finds nothing and changes nothing', async () => {
    const query = usersQuery();
    expect(await query(database.db, ["u1' or '1'='1"], null)).toEqual([]);
    expect(await query(database.db, ['u1'], "x' or display_name = 'Ana")).toEqual([]);
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(3);
  });

  it('runs through Kysely: in its log, and inside a transaction that sees its own writes', async () => {
    const query = usersQuery();
    await query(database.db, ['u1'], null);
    // One statement, with its value as a parameter: `?` on SQLite, `$1` on PostgreSQL.
    expect(logged).toEqual([
      expect.stringMatching(/^select "id", "display_name" from "users" where "id" in \((\?|\$1)\)/),
    ]);
    await database.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('users').set({ display_name: 'Ana B.' }).where('id', '=', 'u1').execute();
        expect(await query(trx, ['u1'], null)).toEqual([{ id: 'u1', display_name: 'Ana B.' }]);
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await query(database.db, ['u1'], null)).toEqual([{ id: 'u1', display_name: 'Ana' }]);
  });

  it('refuses a query that does not pass its argument to SQL as it is', async () => {
    const wrapped = compiledOnce((db: DB, name: string) =>
      db.selectFrom('users').select('id').where('display_name', 'like', `%${name}%`),
    );
    await expect(wrapped(database.db, 'An')).rejects.toThrow(/must pass each argument to SQL unchanged/);
    const dropped = compiledOnce((db: DB, _name: string) => db.selectFrom('users').select('id'));
    await expect(dropped(database.db, 'Ana')).rejects.toThrow(/must pass each argument to SQL unchanged/);
    const lowered = compiledOnce((db: DB, name: string) =>
      db.selectFrom('users').select('id').where('display_name', '=', name.toLowerCase()),
    );
    await expect(lowered(database.db, 'Ana')).rejects.toThrow(/must pass each argument to SQL unchanged/);
    const trimmed = compiledOnce((db: DB, name: string) =>
      db.selectFrom('users').select('id').where('display_name', '=', name.trim()),
    );
    await expect(trimmed(database.db, 'Ana')).rejects.toThrow(/must pass each argument to SQL unchanged/);
    // Written into the SQL text as well as passed: the text would keep the first value for ever.
    const inText = compiledOnce((db: DB, name: string) =>
      db.selectFrom('users').select(sql.lit(name).as('label')).where('display_name', '=', name),
    );
    await expect(inText(database.db, 'Ana')).rejects.toThrow(/must pass each argument to SQL unchanged/);
  });

  it('under tests, refuses a query that branches on a value, on the call that would have answered wrongly', async () => {
    expect(checkEveryCall).toBe(true);
    // Looks harmless, but the first call fixes the SQL for every later value of the same shape.
    const branching = compiledOnce((db: DB, name: string) => {
      const query = db.selectFrom('users').select('id').where('display_name', '=', name);
      return name === 'Ana' ? query.where('role', '=', 'partner') : query;
    });
    expect(await branching(database.db, 'Cleo')).toEqual([{ id: 'u3' }]);
    await expect(branching(database.db, 'Ana')).rejects.toThrow(/depends on a value/);
    // A query that depends on the shape only (null or a value) passes the same check for every value.
    const query = usersQuery();
    for (const name of ['Ana', 'Ben', null, 'Cleo']) await query(database.db, ['u1', 'u2', 'u3'], name);
  });
});
