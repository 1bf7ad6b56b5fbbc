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

/** How often, while the last call failed, the page asks whether Tandem answers again. */
const RECHECK_MS = 5000;
let recheck: ReturnType<typeof setInterval> | null = null;

function setLastCallFailed(failed: boolean) {
  if (failed === lastCallFailed) return;
  lastCallFailed = failed;
  if (failed) startRechecking();
  else stopRechecking();
  notify();
}

/**
 * The browser does not always say when the network returns: a page opened without one may still read as online, and
 * then no "online" event ever comes. So while the last call failed, a small request asks now and then; any answer
 * at all means Tandem is reachable again.
 */
function startRechecking() {
  if (recheck !== null) return;
  recheck = setInterval(() => {
    fetch('/healthz', { cache: 'no-store' }).then(
      () => setLastCallFailed(false),
      () => {
        // Still unreachable: the next round asks again.
      },
    );
  }, RECHECK_MS);
}

function stopRechecking() {
  if (recheck === null) return;
  clearInterval(recheck);
  recheck = null;
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

/**
 * A page that failed before anything watched the calls (the app's first "who is signed in" question, on a load
 * without a network) reports its error here, so the offline line shows even where the browser still says it is online.
 */
export function noteFailedLoad(error: unknown): void {
  if (isUnreachable(error)) setLastCallFailed(true);
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
