import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountKey, FailedLoginLimiter } from '#server/auth/failed-logins';
import { consumeOrRefuse, limiterFactory } from '#server/auth/rate-limits';
import { openDatabase, type OpenDatabase } from '#server/db/database';
import { inTransaction } from '#server/db/dialect';
import { openPostgres } from '#server/db/postgres';
import { createDeps } from '#server/deps';
import { TooMany } from '#server/errors';
import { LimiterStore } from '#server/http/request-guards';
import { countRows, tableNames } from '../helpers/db-state';
import { sqlRow } from '../helpers/raw-sql';
import { TEST_CONFIG } from '../helpers/test-app';
import { createPostgresDatabase, openTestDatabase, testDatabaseKind } from '../helpers/test-database';

// The counts behind lockouts and rate limits, on the database itself: what several processes share.

let database: OpenDatabase;
beforeEach(async () => {
  database = await openTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const target = () => ({ database });
/** Rows of a table the app's schema type leaves out (the counts are read and written by their own modules). */
const rowsIn = async (table: 'failed_logins' | 'rate_limits') =>
  Number((await sqlRow<{ n: number }>(target(), `select count(*) as n from ${table}`))!.n);
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 25, 12, minutes));

describe('failed logins in the database', () => {
  it('lock an account after ten in fifteen minutes, until the oldest is fifteen minutes old', async () => {
    const limiter = new FailedLoginLimiter(database.db);
    for (let i = 0; i < 10; i++) expect((await limiter.countAttempt('Ana@Example.test ', at(i))).locked).toBe(false);
    // The same account, however the email was typed.
    expect(await limiter.countAttempt('ana@example.test', at(10))).toEqual({
      locked: true,
      msUntilUnblocked: 5 * 60 * 1000,
    });
    expect((await limiter.countAttempt('ana@example.test', at(15))).locked).toBe(false);
  });

  it('keep a hash of the email, never the email, and forget the rows whose window has passed', async () => {
    const limiter = new FailedLoginLimiter(database.db);
    await limiter.countAttempt('ana@example.test', at(0));
    await limiter.countAttempt('ben@example.test', at(20));
    const rows = await database.db
      .withTables<{ failed_logins: { id: string; account: string; at: string } }>()
      .selectFrom('failed_logins')
      .selectAll()
      .execute();
    expect(rows.map((r) => r.account).sort()).toEqual(
      [accountKey('ana@example.test'), accountKey('ben@example.test')].sort(),
    );
    expect(JSON.stringify(rows)).not.toContain('example');
    expect(await limiter.prune(at(20))).toBe(1);
    expect(await rowsIn('failed_logins')).toBe(1);
  });

  it('count twelve attempts at once exactly: ten counted, two locked out, across two connections on PostgreSQL', async () => {
    // On PostgreSQL two pools stand for two processes. A second SQLite connection in this process would wait,
    // synchronously, for the write lock the first holds across an await, so on SQLite both use the one connection
    // (processes on one file are tested with real processes in multi-process.test.ts).
    const other =
      database.kind === 'postgres'
        ? openPostgres(poolUrl(database)!, { poolSize: 4 })
        : { db: database.db, close: () => Promise.resolve() };
    try {
      const limiters = [new FailedLoginLimiter(database.db), new FailedLoginLimiter(other.db)];
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) => limiters[i % 2]!.countAttempt('cam@example.test', at(0))),
      );
      expect(outcomes.filter((o) => !o.locked)).toHaveLength(10);
      expect(outcomes.filter((o) => o.locked)).toHaveLength(2);
    } finally {
      await other.close();
    }
  });
});

/** The URL the test database was opened with (PostgreSQL): another pool to it stands for another process. */
function poolUrl(open: OpenDatabase): string | undefined {
  return open.kind === 'postgres' ? (open.pool.options as { connectionString?: string }).connectionString : undefined;
}

describe('rate limits in the database', () => {
  it('count in the rate_limits table, shared by every limiter made over the same database', async () => {
    const first = limiterFactory(database)({ keyPrefix: 'pw-account', points: 2, duration: 60 });
    const second = limiterFactory(database)({ keyPrefix: 'pw-account', points: 2, duration: 60 });
    await consumeOrRefuse(first, 'someone', 'over');
    await consumeOrRefuse(second, 'someone', 'over');
    const refused = await consumeOrRefuse(first, 'someone', 'over').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TooMany);
    expect(await rowsIn('rate_limits')).toBe(1);
  });

  it('keep a point taken while another request’s transaction is open, even when that transaction rolls back', async () => {
    const limiter = limiterFactory(database)({ keyPrefix: 'import', points: 3, duration: 60 });
    let consumed: Promise<void> | undefined;
    await inTransaction(database.db, async (trx) => {
      await trx
        .insertInto('couples')
        .values({ id: 'rolled-back', created_at: at(0).toISOString() })
        .execute();
      // Another request's limit, taken while this transaction waits on something else.
      consumed = consumeOrRefuse(limiter, 'someone', 'over');
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error('this transaction fails');
    }).catch(() => {});
    await consumed;
    expect(await countRows(target(), 'couples')).toBe(0);
    expect((await limiter.get('someone'))?.consumedPoints).toBe(1);
  });

  it('never create their table at run time: a database without migrations stays without it', async () => {
    const empty = testDatabaseKind() === 'postgres' ? await createPostgresDatabase({ empty: true }) : undefined;
    const bare = empty ? openPostgres(empty.url, { poolSize: 1 }) : openDatabase(':memory:');
    try {
      createDeps(bare.db, TEST_CONFIG, () => new Date(), bare);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await tableNames({ database: bare })).toEqual([]);
      // A limit asked of it fails as a request error, awaited by its caller, never as an unhandled rejection.
      const limiter = limiterFactory(bare)({ keyPrefix: 'pw-account', points: 5, duration: 60 });
      await expect(consumeOrRefuse(limiter, 'someone', 'over')).rejects.not.toBeInstanceOf(TooMany);
    } finally {
      await bare.close();
      await empty?.drop();
    }
  });
});

describe('the per-address store', () => {
  it('counts hits, gives one back and resets a key, in the database', async () => {
    const store = new LimiterStore(limiterFactory(database)({ keyPrefix: 'address', points: 100, duration: 900 }));
    expect((await store.increment('127.0.0.1')).totalHits).toBe(1);
    const second = await store.increment('127.0.0.1');
    expect(second.totalHits).toBe(2);
    expect(second.resetTime!.getTime()).toBeGreaterThan(Date.now() + 890_000);
    await store.decrement('127.0.0.1');
    expect((await store.get('127.0.0.1'))?.totalHits).toBe(1);
    await store.resetKey('127.0.0.1');
    expect(await store.get('127.0.0.1')).toBeUndefined();
    expect(await rowsIn('rate_limits')).toBe(0);
  });
});
