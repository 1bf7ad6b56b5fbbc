import { newSessionToken, hashSecret } from '../auth/secrets';
import { insertSession, deleteSession } from '../repositories/sessions.repository';
import type { Context } from '../trpc/context';

/** Starts a new session for the user, replacing the caller's current one (a fresh token at every login). */
export async function startSession(ctx: Context, userId: string): Promise<void> {
  if (ctx.sessionId) await deleteSession(ctx.db, ctx.sessionId);
  const token = newSessionToken();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlMs);
  await insertSession(ctx.db, hashSecret(token), userId, { createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  ctx.cookie.set(token, expiresAt);
}

export async function endSession(ctx: Context): Promise<void> {
  if (ctx.sessionId) await deleteSession(ctx.db, ctx.sessionId);
  ctx.cookie.clear();
}
