/**
 * Where check-ins kept on this device live, and how they are all removed: apart from the rest of the outbox because
 * "Log out" carries this part in the page's own code (a deploy cannot make it unloadable), and the login page should
 * carry as little as possible.
 */
export const PREFIX = 'tandem.queued-check-in:';

/** localStorage, or null where the browser refuses it (some private windows); nothing is kept then. */
export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function ourKeys(store: Storage): string[] {
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(PREFIX)) keys.push(key);
  }
  return keys;
}

/** Every waiting check-in on this device, or those of everyone but `keepUserId`. */
export function forgetQueuedCheckIns(keepUserId?: string): void {
  const store = storage();
  if (!store) return;
  const keep = keepUserId === undefined ? null : `${PREFIX}${keepUserId}:`;
  for (const key of ourKeys(store)) if (keep === null || !key.startsWith(keep)) store.removeItem(key);
}
