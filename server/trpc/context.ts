import type { AppDeps } from '#server/deps';
import type { Caller } from '#server/services/caller';
import { readSession, type SessionCookie, type SessionHandle } from '#server/services/session.service';

/**
 * What a procedure receives: the app's dependencies, the caller's session and the caller (null when nobody is logged
 * in). Services are handed `ctx.deps` and `ctx.caller` (or `ctx.access`), never the context itself.
 */
export interface Context {
  deps: AppDeps;
  session: SessionHandle;
  caller: Caller | null;
}

/** Builds a request's context: the same path for HTTP and for `createCaller` in tests. */
export async function createContext(deps: AppDeps, cookie: SessionCookie): Promise<Context> {
  return { deps, ...(await readSession(deps, cookie)) };
}
