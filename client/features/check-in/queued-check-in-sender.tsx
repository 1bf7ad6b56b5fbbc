import { useEffect } from 'react';
import { useMutation } from '@tanstack/react-query';
import { addWeeks, type Week } from '#shared/week';
import { showNotice } from '#client/components/page-notice';
import { errorMessage, httpStatusOf } from '#client/lib/errors';
import { localWeek, weekLabel } from '#client/lib/weeks';
import { queryClient, trpc } from '#client/trpc';
import { isUnreachable } from '#client/features/offline/network-state';
import {
  forgetQueuedCheckIns,
  queuedCheckInsOf,
  rebaseQueuedCheckIn,
  removeQueuedCheckIn,
  type QueuedCheckIn,
} from './outbox';

/**
 * Refusals worth asking again: the request took too long (408) or came too often (429). Every other 4xx says the entry
 * itself will not be taken (not valid, not allowed, too large for the room left), so it goes and the person is told.
 * 401 is not about the entry but the session: it stays for its author's next sign-in.
 */
const RETRIED_REFUSALS = new Set([401, 408, 429]);

const isFinalRefusal = (status: number | undefined) =>
  status !== undefined && status >= 400 && status < 500 && !RETRIED_REFUSALS.has(status);

/** "this week", "last week", "the week of 23 Nov": a week inside a sentence. */
function weekPhrase(week: Week): string {
  const today = localWeek();
  if (week === today) return 'this week';
  if (week === addWeeks(today, -1)) return 'last week';
  return `the w${weekLabel(week, today).slice(1)}`;
}

/** The server's words for a refusal, as a sentence. */
function reasonOf(error: unknown): string {
  const message = errorMessage(error).trim();
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

/**
 * The tab holding this Web Lock is the one that sends, for as long as it is open: localStorage reaches other tabs a
 * moment late, so a second tab taking turns with the first could still see an entry the first had just sent.
 */
const LOCK_NAME = 'tandem.queued-check-ins';

/**
 * Sends the signed-in person's check-ins kept on this device while offline: when the app starts, when the connection
 * returns and when the window comes back into view. Mounted only while someone is signed in, and only ever with that
 * person's entries; another account's entries on this device are dropped unsent.
 *
 * A kept copy is sent only over the version of the week it was made from: just before sending, the week's check-in is
 * read from the server (never from the cache), and if it changed since (saved from another device meanwhile), the
 * copy is dropped unsent and the person told, rather than overwrite the newer one. The comparison is of the server's
 * own `updatedAt`, so no device's clock decides.
 *
 * Each entry goes through the same `assessment.submit` call as the form, so what it changes is refreshed the same way
 * (client/lib/refreshes.ts). Sent once: of all the tabs open, only the one holding the Web Lock sends, one round at a
 * time, and an entry is removed as soon as the server took it. Should an answer be lost after the server saved the
 * check-in, or a browser have no Web Locks, an entry can be sent a second time; the server takes identical ratings
 * for the same week as no change (no "changed after both answered" mark, no second activity entry), so even then
 * there is one check-in and one activity entry.
 */
export function QueuedCheckInSender({ userId }: { userId: string }) {
  // The same function for the component's life (React Query binds it to one observer).
  const { mutateAsync: send } = useMutation(trpc.assessment.submit.mutationOptions());

  useEffect(() => {
    forgetQueuedCheckIns(userId);
    let running: Promise<void> | null = null;
    let stopped = false;

    /**
     * Sends one entry: `sent`; `later` when it stays for the next attempt (and the round stops there); or dropped
     * unsent, with what the person should hear about it.
     */
    const sendOne = async (entry: QueuedCheckIn): Promise<'sent' | 'later' | { dropped: string }> => {
      try {
        // Whose the session is now, asked of the server: another tab may have signed someone else in since this one
        // last asked. Not its author: the entry waits for them, and nothing of the week is read under another's name.
        const signedIn = await queryClient.fetchQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0 });
        if (signedIn?.id !== entry.userId) return 'later';
        // Asked of the server every time (staleTime 0), and the answer kept: the form then shows what the server holds.
        const current = await queryClient.fetchQuery({
          ...trpc.assessment.mine.queryOptions({ week: entry.week }),
          staleTime: 0,
        });
        if ((current?.updatedAt ?? null) !== entry.base) {
          removeQueuedCheckIn(entry);
          return {
            dropped: `A newer check-in for ${weekPhrase(entry.week)} was saved from another device, so the one kept on this phone was not sent.`,
          };
        }
        if (stopped) return 'later';
        // With its author's id: should this session have become someone else's (a sign-in in another tab since this
        // one last asked), the server refuses with 401 and the copy stays for its author.
        const saved = await send({
          week: entry.week,
          ratings: entry.ratings,
          note: entry.note,
          forUserId: entry.userId,
        });
        rebaseQueuedCheckIn(entry, saved.updatedAt);
      } catch (error) {
        // No answer, a lost session, too many requests, a fault of ours: kept for the next attempt.
        if (isUnreachable(error) || !isFinalRefusal(httpStatusOf(error))) return 'later';
        removeQueuedCheckIn(entry);
        return {
          dropped: `Your check-in for ${weekPhrase(entry.week)} kept on this phone could not be sent: ${reasonOf(error)} Please enter it again.`,
        };
      }
      removeQueuedCheckIn(entry);
      return 'sent';
    };

    const sendWaiting = async () => {
      const dropped: string[] = [];
      try {
        for (const entry of queuedCheckInsOf(userId)) {
          if (stopped || !navigator.onLine) return;
          const outcome = await sendOne(entry);
          if (outcome === 'later') return;
          if (outcome !== 'sent') dropped.push(outcome.dropped);
        }
      } finally {
        // One notice at a time: every entry dropped in this round is said in it.
        if (dropped.length > 0 && !stopped) showNotice(dropped.join(' '));
      }
    };

    const attempt = () => {
      if (stopped || running || !navigator.onLine || queuedCheckInsOf(userId).length === 0) return;
      running = sendWaiting()
        .catch((error: unknown) => console.warn('Sending a check-in kept on this device failed.', error))
        .finally(() => {
          running = null;
        });
    };
    const whenVisible = () => {
      if (document.visibilityState === 'visible') attempt();
    };

    let release = () => {};
    const lead = () => {
      window.addEventListener('online', attempt);
      window.addEventListener('focus', attempt);
      document.addEventListener('visibilitychange', whenVisible);
      attempt();
      // Held until this tab stops sending (logout, or the tab closes); then the next tab in line takes over.
      return new Promise<void>((resolve) => {
        release = resolve;
        if (stopped) resolve();
      });
    };
    const waiting = new AbortController();
    if ('locks' in navigator) {
      navigator.locks.request(LOCK_NAME, { signal: waiting.signal }, lead).catch(() => {
        // Given up on purpose (this sender stopped before its turn came), or no Web Locks here: nothing to do.
      });
    } else void lead();

    return () => {
      stopped = true;
      waiting.abort();
      release();
      window.removeEventListener('online', attempt);
      window.removeEventListener('focus', attempt);
      document.removeEventListener('visibilitychange', whenVisible);
    };
  }, [userId, send]);

  return null;
}
