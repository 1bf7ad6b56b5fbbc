import type { PracticeId } from '#shared/practices';
import type { Week } from '#shared/week';
import { ourKeys, PREFIX, storage } from './outbox-keys';

export { forgetQueuedCheckIns } from './outbox-keys';

/**
 * Check-ins made without a connection, kept in this browser's localStorage until they are sent: one entry per
 * account and week (a second save of the same week offline replaces the first). Kept under the author's user id, so
 * an entry is only ever sent while its author is signed in here, never for another account on the same phone.
 * Removed once sent, once the same week is saved online, after a deliberate logout, and when another account signs in
 * here.
 */
export interface QueuedCheckIn {
  userId: string;
  week: Week;
  ratings: Record<PracticeId, number>;
  note: string | null;
  /**
   * The server's `updatedAt` of this week's check-in as the form last read it, null when there was none. A copy is sent
   * only while the server still holds that version: a different one means the week was saved elsewhere since (another
   * device, say), and this older copy must not overwrite it. The server's own time, so no device clock is trusted.
   */
  base: string | null;
  /** When it was kept (this device's clock): tells a newer save of the same week from the one being sent. */
  savedAt: string;
}

const keyOf = (userId: string, week: Week) => `${PREFIX}${userId}:${week}`;

function parse(text: string | null): QueuedCheckIn | null {
  if (!text) return null;
  try {
    const value = JSON.parse(text) as QueuedCheckIn;
    if (typeof value.userId !== 'string' || typeof value.week !== 'string') return null;
    // Without a base, the copy counts as made before any check-in of the week: it is sent only if there still is none.
    return { ...value, base: typeof value.base === 'string' ? value.base : null };
  } catch {
    return null;
  }
}

/** Keeps a check-in on this device. False when it could not be kept (storage refused or full). */
export function queueCheckIn(entry: Omit<QueuedCheckIn, 'savedAt'>): boolean {
  const store = storage();
  if (!store) return false;
  try {
    store.setItem(keyOf(entry.userId, entry.week), JSON.stringify({ ...entry, savedAt: new Date().toISOString() }));
    return true;
  } catch {
    return false;
  }
}

export function queuedCheckIn(userId: string, week: Week): QueuedCheckIn | null {
  return parse(storage()?.getItem(keyOf(userId, week)) ?? null);
}

/** This account's waiting check-ins, oldest week first. */
export function queuedCheckInsOf(userId: string): QueuedCheckIn[] {
  const store = storage();
  if (!store) return [];
  return ourKeys(store)
    .filter((key) => key.startsWith(`${PREFIX}${userId}:`))
    .map((key) => parse(store.getItem(key)))
    .filter((entry): entry is QueuedCheckIn => entry !== null && entry.userId === userId)
    .sort((a, b) => (a.week < b.week ? -1 : 1));
}

/** Removes the entry once sent, unless a newer save of the same week replaced it meanwhile (that one is sent next). */
export function removeQueuedCheckIn(entry: QueuedCheckIn): void {
  const store = storage();
  if (!store) return;
  const key = keyOf(entry.userId, entry.week);
  if (parse(store.getItem(key))?.savedAt === entry.savedAt) store.removeItem(key);
}

/**
 * After the week was saved online: a copy kept earlier is older than what the server now holds, and sending it later
 * would overwrite the newer ratings and note.
 */
export function forgetQueuedCheckIn(userId: string, week: Week): void {
  storage()?.removeItem(keyOf(userId, week));
}

/**
 * The server took `sent`, and `newer` replaced it on this device meanwhile (saved while it was on its way): `newer` was
 * made from the same version of the week as `sent`, so it now builds on what the server saved, and is sent next.
 */
export function rebaseQueuedCheckIn(sent: QueuedCheckIn, updatedAt: string): void {
  const store = storage();
  const newer = queuedCheckIn(sent.userId, sent.week);
  if (!store || !newer || newer.savedAt === sent.savedAt || newer.base !== sent.base) return;
  try {
    store.setItem(keyOf(sent.userId, sent.week), JSON.stringify({ ...newer, base: updatedAt }));
  } catch {
    // Storage refused: the copy keeps its old base, and is then not sent (the person is told), never sent over a newer.
  }
}
