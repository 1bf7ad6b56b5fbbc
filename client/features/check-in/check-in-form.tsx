import { startTransition, useEffect, useLayoutEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { PRACTICES, type PracticeId } from '#shared/practices';
import { NOTE_MAX_LENGTH, type AssessmentDto } from '#shared/schemas/assessment.schema';
import type { Week } from '#shared/week';
import { FormError } from '#client/components/form-error';
import { isTooLong, LongTextField } from '#client/components/long-text-field';
import { httpStatusOf } from '#client/lib/errors';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';
import { isUnreachable } from '#client/features/offline/network-state';
import { forgetQueuedCheckIn, queueCheckIn, queuedCheckIn } from './outbox';
import { RatingScale } from './rating-scale';

type KeptBecause = 'offline' | 'signed-out';

interface Props {
  week: Week;
  existing: AssessmentDto | null;
  /** The partner's name once they have answered this week too, when a change is no longer blind. */
  partnerWhoAnswered: string | null;
}

export function CheckInForm({ week, existing, partnerWhoAnswered }: Props) {
  const me = useQuery(trpc.auth.me.queryOptions()).data;
  // The person this form was opened for, fixed for its life: should the browser's session become someone else's
  // (a sign-in in another tab), what was typed here stays theirs (see `forUserId` below).
  const [userId] = useState(() => me?.id);
  const [authorIsDemo] = useState(() => me?.isDemo === true);
  // A check-in of this week kept on this phone while offline, not sent yet: the form shows it rather than the server's.
  const [waiting] = useState(() => (userId ? queuedCheckIn(userId, week) : null));
  // Why the check-in waits on this phone: no connection, or a session that ended (it goes after the next log-in).
  const [keptOnPhone, setKeptOnPhone] = useState<KeptBecause | null>(waiting !== null ? 'offline' : null);
  // The server's version of the week this form's content builds on: a copy kept on the phone is sent later only if the
  // server still holds that version. A form opened on a kept copy builds on what that copy was made from.
  const [base] = useState(() => (waiting ? waiting.base : (existing?.updatedAt ?? null)));
  const [ratings, setRatings] = useState<Partial<Record<PracticeId, number>>>(
    waiting?.ratings ?? existing?.ratings ?? {},
  );
  const [note, setNote] = useState(waiting ? (waiting.note ?? '') : (existing?.note ?? ''));
  const [missing, setMissing] = useState<PracticeId[]>([]);
  const shown = usePracticesShown();
  const formRef = useRef<HTMLFormElement>(null);
  const barRef = useRef<HTMLDivElement>(null);
  useScrollClearOf(barRef);
  const navigate = useNavigate();
  const submit = useGuardedMutation(
    trpc.assessment.submit.mutationOptions({
      // Everything the check-in touches is fetched again before this runs, so the dashboard shows it at once.
      onSuccess: () => {
        // Saved online: a copy of this week kept on the phone earlier is older now, and must never be sent over it.
        if (userId !== undefined) forgetQueuedCheckIn(userId, week);
        return navigate({ to: '/dashboard', search: { saved: week } });
      },
      // No answer at all: the check-in is kept on this phone and sent once the connection is back. A session that
      // ended meanwhile (401): kept too, and sent once its author logs in again on this phone.
      onError: (error, input) => {
        const check = { week: input.week, ratings: input.ratings, note: input.note ?? null };
        if (isUnreachable(error)) keepOnPhone(check);
        // A demo account cannot log in again: its check-in goes with its session.
        else if (httpStatusOf(error) === 401 && userId !== undefined && !authorIsDemo) keepOnPhone(check, 'signed-out');
      },
    }),
  );

  /** Keeps the check-in on this device for the signed-in person; false when the browser would not keep it. */
  const keepOnPhone = (
    input: { week: Week; ratings: Record<PracticeId, number>; note: string | null },
    because: KeptBecause = 'offline',
  ) => {
    const kept = userId !== undefined && queueCheckIn({ userId, ...input, base });
    setKeptOnPhone(kept ? because : null);
    return kept;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const unrated = PRACTICES.filter((p) => ratings[p.id] === undefined).map((p) => p.id);
    setMissing(unrated);
    if (unrated.length > 0) {
      // Take the person to the first practice still waiting for a rating.
      formRef.current?.querySelector<HTMLInputElement>(`[data-practice="${unrated[0]}"] input`)?.focus();
      return;
    }
    // Refused rather than cut: the field already says by how much it is over.
    if (isTooLong(note, NOTE_MAX_LENGTH)) return document.getElementById('note')?.focus();
    const input = { week, ratings: ratings as Record<PracticeId, number>, note: note.trim() ? note : null };
    setKeptOnPhone(null);
    // Offline, the call would only wait for the network: keep the check-in on the phone at once instead.
    if (!navigator.onLine && keepOnPhone(input)) return;
    // With the id of the person this page was opened for: should the browser's session have become someone else's
    // since (a sign-in in another tab), the server refuses (401) and the check-in is kept for its author.
    submit.mutate({ ...input, forUserId: userId });
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      {existing && (
        <p className="notice" role="status">
          You checked in for this week already. Saving again replaces it.
          {partnerWhoAnswered && (
            <>
              {' '}
              You have both answered, so you may have seen <span dir="auto">{partnerWhoAnswered}</span>'s ratings. If
              you change yours now, they are marked as changed after you had both answered, and while this is your
              latest check-in the dashboard says so to <span dir="auto">{partnerWhoAnswered}</span> and to your coach,
              if you have one. Your private note can change freely.
            </>
          )}
        </p>
      )}
      {PRACTICES.slice(0, shown).map((practice) => (
        <RatingScale
          key={practice.id}
          practice={practice}
          value={ratings[practice.id]}
          error={
            missing.includes(practice.id) && ratings[practice.id] === undefined
              ? 'Choose a rating from 1 to 10.'
              : undefined
          }
          onChange={(value) => setRatings((current) => ({ ...current, [practice.id]: value }))}
        />
      ))}
      <div className="check-in-note">
        <LongTextField
          id="note"
          label="Private note (optional)"
          hint="Only you will ever see this. A line about what this week was like helps when you look back."
          max={NOTE_MAX_LENGTH}
          value={note}
          onChange={setNote}
        />
      </div>
      <div className="sticky-actions" ref={barRef}>
        {missing.length > 0 && PRACTICES.some((p) => ratings[p.id] === undefined) && (
          <p className="notice notice-error" role="alert">
            {PRACTICES.filter((p) => ratings[p.id] === undefined).length} practices still need a rating.
          </p>
        )}
        {keptOnPhone === 'offline' ? (
          <p className="notice notice-success" role="status">
            Saved on this phone; it will be sent when you are back online.
          </p>
        ) : keptOnPhone === 'signed-out' ? (
          <p className="notice" role="status">
            You were logged out, so this check-in is saved on this phone. It will be sent once you{' '}
            <Link to="/login" search={{ redirect: '/dashboard' }}>
              log in again
            </Link>
            .
          </p>
        ) : (
          <FormError error={submit.error} />
        )}
        <button type="submit" className="button" disabled={submit.isPending}>
          {submit.isPending ? 'Saving…' : existing ? 'Save changes' : 'Save my check-in'}
        </button>
      </div>
    </form>
  );
}

/** As many practices as fill a phone's first screen, and more: drawn with the page. */
const FIRST_PRACTICES = 3;

/**
 * How many practices to draw: the first few with the page, then all of them in a transition, which React renders in
 * slices that leave the browser free between them. A hundred answer buttons drawn in one go held a phone's main thread
 * for 0.3 s before the page could answer a tap; drawn this way, the first screen paints and answers sooner, and the
 * rest is there before anyone scrolls to it.
 */
function usePracticesShown(): number {
  const [shown, setShown] = useState(FIRST_PRACTICES);
  useEffect(() => {
    startTransition(() => setShown(PRACTICES.length));
  }, []);
  return shown;
}

/**
 * The save bar stays at the bottom of the screen; a field the person moves to (with Tab, or the phone's "next" key)
 * must come to rest above it, never under it. The page's scroll padding is kept as tall as the bar while the form is
 * on screen, so the browser scrolls a focused field clear of it.
 */
function useScrollClearOf(barRef: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const bar = barRef.current;
    if (!bar) return;
    const root = document.documentElement;
    const fit = () => {
      root.style.scrollPaddingBottom = `${bar.offsetHeight + 16}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(bar);
    return () => {
      observer.disconnect();
      root.style.scrollPaddingBottom = '';
    };
  }, [barRef]);
}
