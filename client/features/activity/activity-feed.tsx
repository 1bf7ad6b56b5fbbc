import { useInfiniteQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { ActivityItemDto, ActivityPageDto } from '#shared/schemas/activity.schema';
import { FormError } from '#client/components/form-error';
import { trpcClient } from '#client/trpc';

/**
 * The couple's feed, a page at a time. Kept under the procedure's own path (`activity.list`), so that every change
 * that refreshes the feed (client/lib/refreshes.ts) refreshes every page of it shown here, newest first.
 */
function useActivity(coupleId: string | undefined) {
  const input = coupleId === undefined ? {} : { coupleId };
  return useInfiniteQuery({
    queryKey: [['activity', 'list'], { input, type: 'infinite' }] as const,
    queryFn: ({ pageParam }): Promise<ActivityPageDto> =>
      trpcClient.activity.list.query(pageParam === null ? input : { ...input, before: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextBefore,
  });
}

const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** "Today, 14:05", "Yesterday", "23 Nov", or "23 Nov 2025" for another year: on the reader's own calendar. */
export function whenItHappened(iso: string, now = new Date()): string {
  const at = new Date(iso);
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const daysAgo = Math.round((day(now) - day(at)) / (24 * 60 * 60 * 1000));
  if (daysAgo === 0) return `Today, ${timeOfDay.format(at)}`;
  if (daysAgo === 1) return 'Yesterday';
  return (at.getFullYear() === now.getFullYear() ? dayMonth : dayMonthYear).format(at);
}

function ActivityEntries({ items, label }: { items: ActivityItemDto[]; label: string }) {
  return (
    <ol className="activity-list" aria-label={label}>
      {items.map((item) => (
        <li key={item.id} className="activity-item" data-kind={item.kind}>
          <span dir="auto">{item.text}</span>
          <time className="muted small" dateTime={item.at}>
            {whenItHappened(item.at)}
          </time>
        </li>
      ))}
    </ol>
  );
}

interface FeedProps {
  coupleId?: string;
  /** How many of the latest entries show before "Show more". */
  first: number;
  label: string;
  empty: string;
}

/** The latest few entries, then the rest of the page, then older pages, each on request. */
function Feed({ coupleId, first, label, empty }: FeedProps) {
  const feed = useActivity(coupleId);
  const [expanded, setExpanded] = useState(false);
  const listId = useId();
  if (feed.isPending) return <div className="skeleton" style={{ height: '6rem' }} />;
  // A failed later page keeps the pages already shown, with the error below them.
  if (feed.data === undefined) return <FormError error={feed.error} />;
  const items = feed.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <p className="muted">{empty}</p>;
  const shown = expanded ? items : items.slice(0, first);
  const more = !expanded ? items.length > first || feed.hasNextPage : feed.hasNextPage;
  return (
    <div id={listId}>
      <ActivityEntries items={shown} label={label} />
      {more && (
        <button
          type="button"
          className="link-button"
          aria-controls={listId}
          disabled={feed.isFetchingNextPage}
          onClick={() => {
            if (!expanded && items.length > first) setExpanded(true);
            else {
              setExpanded(true);
              void feed.fetchNextPage();
            }
          }}
        >
          {feed.isFetchingNextPage ? 'Loading…' : expanded ? 'Show older' : 'Show more'}
        </button>
      )}
      {feed.isFetchNextPageError && <FormError error={feed.error} />}
    </div>
  );
}

/** The dashboard's "What changed": the few latest changes in the couple, in calm sentences. */
export function WhatChangedCard({ inCouple }: { inCouple: boolean }) {
  if (!inCouple) return null;
  return (
    <section className="card" aria-labelledby="what-changed-heading">
      <h2 id="what-changed-heading">What changed</h2>
      <Feed
        first={4}
        label="What changed in your couple, newest first"
        empty="Nothing new yet. When one of you checks in, changes a week or chooses a focus, you will see it here."
      />
    </section>
  );
}

/** On a coach's couple page: what changed in the couple since the coach was let in. */
export function CoupleActivity({ coupleId }: { coupleId: string }) {
  return (
    <section className="card" aria-labelledby="couple-activity-heading">
      <h2 id="couple-activity-heading">What changed</h2>
      <p className="muted small">
        Since you started working with them: check-ins, changes and focuses, never what they wrote.
      </p>
      <Feed
        coupleId={coupleId}
        first={6}
        label="What changed in this couple, newest first"
        empty="Nothing has changed since you started working with them."
      />
    </section>
  );
}
