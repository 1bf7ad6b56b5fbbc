import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { PRACTICES, type PracticeId } from '#shared/practices';
import { NOTE_MAX_LENGTH, type AssessmentDto } from '#shared/schemas/assessment.schema';
import type { Week } from '#shared/week';
import { FormError } from '#client/components/form-error';
import { trpc } from '#client/trpc';
import { RatingScale } from './rating-scale';

interface Props {
  week: Week;
  existing: AssessmentDto | null;
  /** The partner's name once they have answered this week too, when a change is no longer blind. */
  partnerWhoAnswered: string | null;
}

export function CheckInForm({ week, existing, partnerWhoAnswered }: Props) {
  const [ratings, setRatings] = useState<Partial<Record<PracticeId, number>>>(existing?.ratings ?? {});
  const [note, setNote] = useState(existing?.note ?? '');
  const [missing, setMissing] = useState<PracticeId[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const submit = useMutation(
    trpc.assessment.submit.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.assessment.pathKey() });
        await navigate({ to: '/dashboard', search: { saved: week } });
      },
    }),
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const unrated = PRACTICES.filter((p) => ratings[p.id] === undefined).map((p) => p.id);
    setMissing(unrated);
    if (unrated.length > 0) {
      // Take the person to the first practice still waiting for a rating.
      formRef.current?.querySelector<HTMLInputElement>(`[data-practice="${unrated[0]}"] input`)?.focus();
      return;
    }
    submit.mutate({ week, ratings: ratings as Record<PracticeId, number>, note: note.trim() ? note : null });
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      {existing && (
        <p className="notice" role="status">
          You checked in for this week already. Saving again replaces it.
          {partnerWhoAnswered && (
            <>
              {' '}
              You have both answered, so you may have seen {partnerWhoAnswered}'s ratings. If you change yours now, they
              are marked as changed after you had both answered, and while this is your latest check-in the dashboard
              says so to {partnerWhoAnswered} and to your coach, if you have one. Your private note can change freely.
            </>
          )}
        </p>
      )}
      {PRACTICES.map((practice) => (
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
      <div className="field" style={{ marginTop: 'var(--space-3)' }}>
        <label htmlFor="note">Private note (optional)</label>
        <span id="note-hint" className="field-hint">
          Only you will ever see this. A line about what this week was like helps when you look back.
        </span>
        <textarea
          id="note"
          aria-describedby="note-hint note-count"
          maxLength={NOTE_MAX_LENGTH}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <span id="note-count" className="field-hint">
          {note.length} of {NOTE_MAX_LENGTH} characters
        </span>
      </div>
      <div className="sticky-actions">
        {missing.length > 0 && PRACTICES.some((p) => ratings[p.id] === undefined) && (
          <p className="notice notice-error" role="alert">
            {PRACTICES.filter((p) => ratings[p.id] === undefined).length} practices still need a rating.
          </p>
        )}
        <FormError error={submit.error} />
        <button type="submit" className="button" disabled={submit.isPending}>
          {submit.isPending ? 'Saving…' : existing ? 'Save changes' : 'Save my check-in'}
        </button>
      </div>
    </form>
  );
}
