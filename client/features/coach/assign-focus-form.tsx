import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { PRACTICES, PRACTICES_BY_ID, type PracticeId } from '#shared/practices';
import { FOCUS_NOTE_MAX_LENGTH } from '#shared/schemas/text.schema';
import { FormError } from '#client/components/form-error';
import { isTooLong, LongTextField } from '#client/components/long-text-field';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

/**
 * The practice this coach asks the couple to work on. It comes first in the couple's own suggestion, with a reason
 * that says their coach chose it, until the coach clears it.
 */
export function AssignFocusForm({ coupleId }: { coupleId: string }) {
  const focus = useQuery(trpc.coach.focus.queryOptions({ coupleId }));
  const [practiceId, setPracticeId] = useState<PracticeId | ''>('');
  const [note, setNote] = useState('');
  const assign = useGuardedMutation(trpc.coach.assignFocus.mutationOptions());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!practiceId) return;
    if (isTooLong(note, FOCUS_NOTE_MAX_LENGTH)) return document.getElementById('focus-note')?.focus();
    assign.mutate({ coupleId, practiceId, note: note.trim() || null }, { onSuccess: () => setNote('') });
  };

  return (
    <section className="card stack" aria-labelledby="assign-heading">
      <h2 id="assign-heading">Your focus for them</h2>
      {focus.isPending ? (
        <div className="skeleton" style={{ height: '2rem' }} />
      ) : focus.data ? (
        <p role="status">
          You asked them to work on <strong>{PRACTICES_BY_ID[focus.data.practiceId].name}</strong>
          {focus.data.note ? `: “${focus.data.note}”` : '.'} It leads their suggestion until you clear it.
        </p>
      ) : (
        <p className="muted">No focus from you. Their suggestion comes from their own check-ins.</p>
      )}
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="focus-practice">Practice</label>
          <select
            id="focus-practice"
            value={practiceId}
            onChange={(e) => setPracticeId(e.target.value as PracticeId | '')}
            required
          >
            <option value="">Choose a practice</option>
            {PRACTICES.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <LongTextField
          id="focus-note"
          label="A word for them (optional)"
          rows={2}
          max={FOCUS_NOTE_MAX_LENGTH}
          value={note}
          onChange={setNote}
        />
        <FormError error={assign.error} />
        <div className="button-row">
          <button type="submit" className="button" disabled={!practiceId || assign.isPending}>
            {focus.data ? 'Change the focus' : 'Set this focus'}
          </button>
          {focus.data && (
            <button
              type="button"
              className="button button-secondary"
              disabled={assign.isPending}
              onClick={() => assign.mutate({ coupleId, practiceId: null })}
            >
              Clear my focus
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
