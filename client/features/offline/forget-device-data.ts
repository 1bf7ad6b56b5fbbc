import { forgetQueuedCheckIns } from '#client/features/check-in/outbox-keys';

/**
 * After a deliberate logout (here, everywhere, or with the account): nothing of the person may stay readable on this
 * device. Check-ins waiting to be sent go first, before anything is awaited (a note in them is private), so they are
 * gone when this returns whatever happens next; so would any cache beyond the app shell. The worker's own precache
 * holds only the public app files, the same for everyone, and stays.
 */
export async function forgetDeviceData(): Promise<void> {
  forgetQueuedCheckIns();
  if (!('caches' in window)) return;
  try {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.includes('-precache-')).map((name) => caches.delete(name)));
  } catch {
    // Cache Storage refused (a private window, say): it then holds nothing of ours either.
  }
}
