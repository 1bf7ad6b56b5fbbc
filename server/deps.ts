import { FailedLoginLimiter } from './auth/failed-logins';
import { makeDecoyHash } from './auth/password';
import { createRateLimits, type RateLimits } from './auth/rate-limits';
import type { AppConfig } from './config';
import type { DB } from './db/database';

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
  /** Checked against when a login names no usable account (makeDecoyHash). */
  decoyPasswordHash: string;
}

/**
 * Builds the dependencies for one server (or test, or script). The decoy hash is made here, synchronously, before
 * anything listens, so that no login waits for it or can find it failed.
 */
export function createDeps(db: DB, config: AppConfig, now: () => Date = () => new Date()): AppDeps {
  return {
    db,
    config,
    now,
    failedLogins: new FailedLoginLimiter(),
    limits: createRateLimits(),
    decoyPasswordHash: makeDecoyHash(config.scryptCost),
  };
}
