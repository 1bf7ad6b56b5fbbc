import { newSessionToken, hashSecret } from '../auth/secrets';
import { insertSession, deleteSession, deleteSessionsOfUser } from '../repositories/sessions.repository';
import type { Context } from '../trpc/context';

/** Starts a new session for the user, replacing the caller's current one (a fresh token at every login). */
export async function startSession(ctx: Context, userId: string): Promise<void> {
  if (ctx.sessionId) await deleteSession(ctx.db, ctx.sessionId);
  const token = newSessionToken();
  const now = ctx.now();
  // The cookie lives as long as the session could; the server ends it earlier when it sits unused.
  const expiresAt = new Date(now.getTime() + ctx.config.sessionAbsoluteMs);
  await insertSession(ctx.db, hashSecret(token), userId, { createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  ctx.cookie.set(token, expiresAt);
}

export async function endSession(ctx: Context): Promise<void> {
  if (ctx.sessionId) await deleteSession(ctx.db, ctx.sessionId);
  ctx.cookie.clear();
}

/** "Log out everywhere": every session of the caller ends, this one included. */
export async function endAllSessions(ctx: Context, userId: string): Promise<void> {
  await deleteSessionsOfUser(ctx.db, userId);
  ctx.cookie.clear();
}
