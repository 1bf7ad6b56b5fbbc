import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  RateLimiterSQLite,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { DB, OpenDatabase } from '#server/db/database';
import { TooMany } from '#server/errors';
import { HashingBusyError } from './password';

/**
 * Limits counted per account or per session rather than per address: an attacker with many addresses still has one
 * account. Counted in the database (the `rate_limits` table), so every process of the server counts together.
 */
export interface RateLimits {
  /** Password checks outside login (change password, delete account), per account. */
  passwordChecksPerAccount: RateLimiterAbstract;
  /** The same checks per session, so one stolen session cannot spend the account's whole allowance. */
  passwordChecksPerSession: RateLimiterAbstract;
  /** Imports that passed every check and were written, per account. */
  importsPerAccount: RateLimiterAbstract;
  /**
   * Every import call, refused files included, per account, taken before the file is read: a hostile client cannot
   * make the server read and check 32 MiB files without end, and a person fixing a typo still has tries left.
   */
  importAttemptsPerAccount: RateLimiterAbstract;
}

/** The table every limiter keeps its counts in; made by migration 2026_12_02_1200_shared_limits. */
export const RATE_LIMIT_TABLE = 'rate_limits';

export interface LimiterOptions {
  /** Begins every key the limiter stores, so limiters sharing the table never count each other's keys. */
  keyPrefix: string;
  points: number;
  /** Seconds. */
  duration: number;
}

/**
 * Where limiters count. With the database the server runs on, in its `rate_limits` table, shared by every process
 * that opens it. Without one (a script that serves nobody), in this process's memory.
 */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

export function limiterFactory(database?: OpenDatabase): LimiterFactory {
  if (!database) return (options) => new RateLimiterMemory(options);
  // The table exists once migrations ran (tableCreated), so no limiter ever starts a CREATE TABLE of its own: that
  // would be a promise nobody awaits, rejecting on a read-only or not-yet-migrated database. Expired rows are removed
  // by housekeeping (pruneRateLimits) rather than by the library's own timer, whose rejection nothing would catch.
  const common = { tableName: RATE_LIMIT_TABLE, tableCreated: true, clearExpiredByTimeout: false };
  if (database.kind === 'postgres') {
    return (options) =>
      new RateLimiterPostgres({ ...options, ...common, storeClient: database.pool, storeType: 'pool' });
  }
  return (options) =>
    new RateLimiterSQLiteBetweenTransactions(database.db, {
      ...options,
      ...common,
      storeClient: database.sqlite,
      storeType: 'better-sqlite3',
    });
}

/**
 * The SQLite store, on the server's own better-sqlite3 connection: a second connection to the file would wait for the
 * write lock that a transaction of the first holds, and better-sqlite3 waits synchronously, so that transaction could
 * never finish. On the same connection, though, a statement run while another request's transaction is open (between
 * its awaits) would become part of it, and vanish if it rolled back. So each limiter statement first takes the
 * connection from Kysely, as a query of the app does, and runs between transactions, never inside one.
 */
class RateLimiterSQLiteBetweenTransactions extends RateLimiterSQLite {
  private release: (() => void) | undefined;

  constructor(
    private readonly kysely: DB,
    options: ConstructorParameters<typeof RateLimiterSQLite>[0],
  ) {
    super(options);
  }

  // Overrides the store's own (untyped) hooks: it asks for a connection before each statement and hands it back after.
  // Kysely hands its SQLite connection to one holder at a time, so one `release` per limiter is enough.
  async _getConnection(): Promise<unknown> {
    this.release = (await holdConnection(this.kysely)).release;
    return (this as unknown as { client: unknown }).client;
  }

  _releaseConnection(): void {
    const release = this.release;
    this.release = undefined;
    release?.();
  }
}

/** Resolves once Kysely has handed this caller its (one, on SQLite) connection; `release` gives it back. */
function holdConnection(db: DB): Promise<{ release: () => void }> {
  return new Promise((resolveHeld, rejectHeld) => {
    db.connection()
      .execute(() => new Promise<void>((release) => resolveHeld({ release: () => release() })))
      .catch(rejectHeld);
  });
}

export function createRateLimits(limiter: LimiterFactory): RateLimits {
  return {
    passwordChecksPerAccount: limiter({ keyPrefix: 'pw-account', points: 5, duration: 60 }),
    passwordChecksPerSession: limiter({ keyPrefix: 'pw-session', points: 5, duration: 60 }),
    importsPerAccount: limiter({ keyPrefix: 'import', points: 3, duration: 60 * 60 }),
    importAttemptsPerAccount: limiter({ keyPrefix: 'import-attempt', points: 10, duration: 60 * 60 }),
  };
}

/**
 * Takes one point for the key, or throws TooMany (a 429 with `Retry-After`). The limiter's promise is always awaited here and
 * its refusal turned into our own error: a refusal must never escape as an unhandled rejection.
 */
export async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string, message: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (error) {
    if (error instanceof RateLimiterRes) throw new TooMany(message, error.msBeforeNext / 1000);
    throw error;
  }
}

/**
 * A limiter made once per server (per `deps`, so per database) on first use: a service declares its limit where it
 * is used, `const perCouple = limiterPerServer({ keyPrefix, points, duration })`, and asks `perCouple(deps)`.
 */
export function limiterPerServer(options: LimiterOptions): (deps: { limiter: LimiterFactory }) => RateLimiterAbstract {
  const made = new WeakMap<object, RateLimiterAbstract>();
  return (deps) => {
    let limiter = made.get(deps);
    if (!limiter) {
      limiter = deps.limiter(options);
      made.set(deps, limiter);
    }
    return limiter;
  };
}

/** Returns a point taken by consumeOrRefuse, for an attempt the server turned away before doing anything. */
export async function giveBack(limiter: RateLimiterAbstract, key: string): Promise<void> {
  // Called while another error is on its way to the caller: a store that fails now must not replace that error with
  // its own. The point stays spent, which errs on the side of the limit.
  await limiter.reward(key, 1).catch(() => undefined);
}

/** About as long as a full hashing line takes to move on. */
export const BUSY_RETRY_AFTER_SECONDS = 2;

/** A full hashing line is the server being busy, which the caller hears as "try again in a moment". */
export async function busyAsTooMany<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof HashingBusyError) {
      throw new TooMany('Tandem is busy checking other sign-ins. Try again in a moment.', BUSY_RETRY_AFTER_SECONDS);
    }
    throw error;
  }
}
