import type { UserWithCouple } from '../repositories/users.repository';
import { findSessionUser, touchSession } from '../repositories/sessions.repository';
import { hashSecret } from '../auth/secrets';
import { liveAt } from '../auth/session-lifetime';
import type { FailedLoginLimiter } from '../auth/failed-logins';
import type { RateLimits } from '../auth/rate-limits';
import type { AppConfig } from '../config';
import type { DB } from '../db/database';

/** Long-lived parts shared by every request. */
export interface AppDeps {
  db: DB;
  config: AppConfig;
  now: () => Date;
  failedLogins: FailedLoginLimiter;
  limits: RateLimits;
  /** Checked against when a login names no usable account (makeDecoyHash). */
  decoyPasswordHash: string;
}

/** The session cookie as the procedures see it; over HTTP it is a real cookie, in tests a plain jar. */
export interface SessionCookie {
  read(): string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface Context extends AppDeps {
  cookie: SessionCookie;
  /** The hashed session id, when the caller has a live session. */
  sessionId: string | null;
  user: UserWithCouple | null;
}

// Writing last_seen_at on every request would turn every read into a write; once an hour is precise enough, also
// for the idle limit (days), which reads it.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** Builds a request's context: the same path for HTTP and for `createCaller` in tests. */
export async function createContext(deps: AppDeps, cookie: SessionCookie): Promise<Context> {
  const token = cookie.read();
  const base: Context = { ...deps, cookie, sessionId: null, user: null };
  if (!token || token.length > 100) return base;

  const now = deps.now();
  const sessionId = hashSecret(token);
  const found = await findSessionUser(deps.db, sessionId, liveAt(deps.config, now));
  if (!found) return base;
  const { session_last_seen_at: lastSeen, ...user } = found;
  if (now.getTime() - Date.parse(lastSeen) > TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, sessionId, now.toISOString());
  }
  return { ...base, sessionId, user };
}
