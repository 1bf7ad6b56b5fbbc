import type { AppDeps } from '#server/deps';
import type { CoupleMemberRow } from '#server/repositories/couples.repository';
import type { Caller } from '#server/services/caller';
import { readSession, type SessionCookie, type SessionHandle } from '#server/services/session.service';

/**
 * What a procedure receives: the app's dependencies, the caller's session and the caller (null when nobody is logged
 * in). Services are handed `ctx.deps` and `ctx.caller` (or `ctx.access`), never the context itself. One is made per
 * request and holds what the session read found then (the caller's couple and its partners): never keep one for later.
 */
export interface Context {
  deps: AppDeps;
  session: SessionHandle;
  caller: Caller | null;
  /** The partners of the caller's couple, read with the session (see `readSession`). */
  callerPartners: CoupleMemberRow[];
  /** The request's own origin (scheme, host and port as the browser addressed this server); null outside HTTP. */
  origin: string | null;
}

/** Builds a request's context: the same path for HTTP and for `createCaller` in tests. */
export async function createContext(
  deps: AppDeps,
  cookie: SessionCookie,
  origin: string | null = null,
): Promise<Context> {
  return { deps, origin, ...(await readSession(deps, cookie)) };
}
