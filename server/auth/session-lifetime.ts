import type { AppConfig } from '#server/config';
import type { LiveAt } from '#server/repositories/sessions.repository';

/** The moments that decide whether a session is still live. */
export function liveAt(config: AppConfig, now: Date): LiveAt {
  return { nowIso: now.toISOString(), idleSinceIso: new Date(now.getTime() - config.sessionIdleMs).toISOString() };
}
