import { TRPCClientError } from '@trpc/client';
import { httpStatusOf } from '#client/lib/errors';
import { queryClient } from '#client/trpc';

/**
 * Whether Tandem can reach its server, as far as this page knows: the browser's own word (`navigator.onLine` and its
 * online/offline events), and the last call to the server, because a phone can say it is online on a network that
 * leads nowhere. A failed call makes it offline until the next call that gets any answer, or the next online event.
 */
let lastCallFailed = false;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

/** A call that got no answer from Tandem at all (no network, or no server behind it), as opposed to a refusal. */
export function isUnreachable(error: unknown): boolean {
  return error instanceof TRPCClientError && httpStatusOf(error) === undefined;
}

function setLastCallFailed(failed: boolean) {
  if (failed === lastCallFailed) return;
  lastCallFailed = failed;
  notify();
}

let watching = false;

function watch() {
  if (watching) return;
  watching = true;
  window.addEventListener('online', () => {
    lastCallFailed = false;
    notify();
  });
  window.addEventListener('offline', notify);
  queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    if (event.action.type === 'error') setLastCallFailed(isUnreachable(event.action.error));
    else if (event.action.type === 'success') setLastCallFailed(false);
  });
  queryClient.getMutationCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    if (event.action.type === 'error') setLastCallFailed(isUnreachable(event.action.error));
    else if (event.action.type === 'success') setLastCallFailed(false);
  });
}

/** For `useSyncExternalStore`. */
export function subscribeToNetwork(listener: () => void): () => void {
  watch();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function isOffline(): boolean {
  return !navigator.onLine || lastCallFailed;
}
