import { FailedLoginLimiter } from './auth/failed-logins';
import { makeDecoyHash } from './auth/password';
import { createRateLimits, limiterFactory, type LimiterFactory, type RateLimits } from './auth/rate-limits';
import type { AppConfig } from './config';
import type { DB, OpenDatabase } from './db/database';
import { createMailTransport, type MailTransport } from './mail/transport';
import type { MailOutcome } from './observability/metrics';

/**
 * The long-lived parts every service call is given: the database, the configuration, the clock and the limits. The
 * same value serves an HTTP request, a script and a test, so a service never needs to know which one called it.
 */
export interface AppDeps {
  db: DB;
  config: AppConfig;
  /** The server's own clock: every stored time comes from here, never from a client or a file. */
  now: () => Date;
  failedLogins: FailedLoginLimiter;
  limits: RateLimits;
  /** Where rate limits count: the per-address limits of the HTTP layer are made with it too. */
  limiter: LimiterFactory;
  /** Checked against when a login names no usable account (makeDecoyHash). */
  decoyPasswordHash: string;
  /** Where email goes out; null when the server has no SMTP server (config.mail), and then nothing is ever sent. */
  mail: MailTransport | null;
  /** Told what became of each email worked on, for metrics; unset when metrics are off. Never given an address. */
  observeMail?: (kind: string, outcome: MailOutcome) => void;
}

/**
 * Builds the dependencies for one server (or test, or script). The decoy hash is made here, synchronously, before
 * anything listens, so that no login waits for it or can find it failed.
 *
 * `database` is the open database `db` belongs to: with it, rate limits count in its `rate_limits` table through the
 * raw connection (rate-limiter-flexible speaks to better-sqlite3 or the pg pool, not to Kysely), shared by every
 * process. Without it they count in this process's memory, which only a single process (a script) may rely on.
 * Failed logins always count in the database.
 */
export function createDeps(
  db: DB,
  config: AppConfig,
  now: () => Date = () => new Date(),
  database?: OpenDatabase,
): AppDeps {
  if (database && database.db !== db) throw new Error('createDeps: `database` must be the database `db` belongs to.');
  const limiter = limiterFactory(database);
  return {
    db,
    config,
    now,
    failedLogins: new FailedLoginLimiter(db),
    limits: createRateLimits(limiter),
    limiter,
    decoyPasswordHash: makeDecoyHash(config.scryptCost),
    mail: createMailTransport(config.mail),
  };
}
