import { newSessionToken, hashSecret } from '#server/auth/secrets';
import { liveAt } from '#server/auth/session-lifetime';
import { inTransaction } from '#server/db/dialect';
import type { AppDeps } from '#server/deps';
import { findPasswordHash } from '#server/repositories/credentials.repository';
import {
  insertSession,
  deleteSession,
  deleteSessionsOfUser,
  findSessionUser,
  touchSession,
} from '#server/repositories/sessions.repository';
import type { CoupleMemberRow } from '#server/repositories/couples.repository';
import type { Caller } from './caller';

/** The session cookie as services see it; over HTTP it is a real cookie, in tests a plain jar. */
export interface SessionCookie {
  read(): string | undefined;
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** The caller's session: its hashed id when one is live, and the cookie that carries it. */
export interface SessionHandle {
  id: string | null;
  cookie: SessionCookie;
}

// Writing last_seen_at on every request would turn every read into a write; once an hour is precise enough, also
// for the idle limit (days), which reads it.
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

/** What one request knows of who sends it. */
export interface RequestSession {
  session: SessionHandle;
  caller: Caller | null;
  /** The partners of the caller's couple, read with the session; empty for a coach, someone unpaired or nobody. */
  callerPartners: CoupleMemberRow[];
}

/** The session the cookie names, the person behind it, and their couple's partners, when it is live: one read. */
export async function readSession(deps: AppDeps, cookie: SessionCookie): Promise<RequestSession> {
  const token = cookie.read();
  const none = { session: { id: null, cookie }, caller: null, callerPartners: [] };
  if (!token || token.length > 100) return none;

  const now = deps.now();
  const id = hashSecret(token);
  const found = await findSessionUser(deps.db, id, liveAt(deps.config, now));
  if (!found) return none;
  if (now.getTime() - Date.parse(found.lastSeenAt) > TOUCH_INTERVAL_MS)
    await touchSession(deps.db, id, now.toISOString());
  return { session: { id, cookie }, caller: found.person, callerPartners: found.partners };
}

/** Starts a new session for the user, replacing the caller's current one (a fresh token at every login). */
/**
 * Starts a session for the person, replacing the caller's own. `checkedHash`, for a login, is the password hash the
 * password was checked against: the session is made only while it is still the stored one, in the same transaction,
 * so a password reset or change (which ends every session) or an account deletion that committed while the password
 * was being checked ends this login too. False when it did; nothing is written then.
 */
export async function startSession(
  deps: AppDeps,
  session: SessionHandle,
  userId: string,
  checkedHash?: string,
): Promise<boolean> {
  const token = newSessionToken();
  const now = deps.now();
  // The cookie lives as long as the session could; the server ends it earlier when it sits unused.
  const expiresAt = new Date(now.getTime() + deps.config.sessionAbsoluteMs);
  const started = await inTransaction(deps.db, async (trx) => {
    if (checkedHash !== undefined && (await findPasswordHash(trx, userId)) !== checkedHash) return false;
    if (session.id) await deleteSession(trx, session.id);
    await insertSession(trx, hashSecret(token), userId, {
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return true;
  });
  if (started) session.cookie.set(token, expiresAt);
  return started;
}

export async function endSession(deps: AppDeps, session: SessionHandle): Promise<{ ok: true }> {
  if (session.id) await deleteSession(deps.db, session.id);
  session.cookie.clear();
  return { ok: true };
}

/** "Log out everywhere": every session of the caller ends, this one included. */
export async function endAllSessions(deps: AppDeps, session: SessionHandle, userId: string): Promise<{ ok: true }> {
  await deleteSessionsOfUser(deps.db, userId);
  session.cookie.clear();
  return { ok: true };
}
