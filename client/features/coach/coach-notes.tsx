import { useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { CoachNoteDto } from '#shared/schemas/coach.schema';
import { COACH_NOTE_MAX_LENGTH } from '#shared/schemas/text.schema';
import { CollapsibleText } from '#client/components/collapsible-text';
import { FormError } from '#client/components/form-error';
import { isTooLong, LongTextField } from '#client/components/long-text-field';
import { newDraftKey } from '#client/lib/draft-key';
import { showsAnswer } from '#client/lib/errors';
import { goneAlreadyIsDone } from '#client/lib/gone-already';
import { useGuardedMutation } from '#client/lib/use-guarded-mutation';
import { trpc } from '#client/trpc';

export const noteDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** The coach's own notes about the couple: only this coach ever reads them. Newest first. */
export function CoachNotes({ coupleId }: { coupleId: string }) {
  const notes = useQuery(trpc.coach.listNotes.queryOptions({ coupleId }));
  const [body, setBody] = useState('');
  // One key per draft: saving it twice (a double click, a retry) keeps one note.
  const [draftKey, setDraftKey] = useState(newDraftKey);
  const add = useGuardedMutation(trpc.coach.addNote.mutationOptions());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    // Refused rather than cut: the field already says by how much it is over.
    if (isTooLong(body, COACH_NOTE_MAX_LENGTH)) return document.getElementById('new-note')?.focus();
    add.mutate(
      { coupleId, body, draftKey },
      {
        onSuccess: () => {
          setBody('');
          setDraftKey(newDraftKey());
        },
      },
    );
  };

  return (
    <section className="card stack" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Your notes</h2>
      <p className="muted small">Private to you: the couple and other coaches never see them.</p>
      <form onSubmit={submit} className="stack" noValidate>
        <LongTextField
          id="new-note"
          label="New note"
          rows={3}
          max={COACH_NOTE_MAX_LENGTH}
          value={body}
          onChange={setBody}
        />
        <FormError error={add.error} />
        <div>
          <button type="submit" className="button" disabled={!body.trim() || add.isPending}>
            Save note
          </button>
        </div>
      </form>
      {!showsAnswer(notes) ? (
        notes.isError ? (
          <FormError error={notes.error} />
        ) : (
          <div className="skeleton" style={{ height: '4rem' }} />
        )
      ) : notes.data.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="note-list" aria-label="Your notes, newest first">
          {notes.data.map((note) => (
            <NoteItem key={note.id} coupleId={coupleId} note={note} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteItem({ coupleId, note }: { coupleId: string; note: CoachNoteDto }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const update = useGuardedMutation(trpc.coach.updateNote.mutationOptions());
  const remove = useGuardedMutation(goneAlreadyIsDone(trpc.coach.deleteNote.mutationOptions()));
  const edited = note.updatedAt !== note.createdAt;

  return (
    <li className="note">
      <p className="muted small">
        <time dateTime={note.createdAt}>{noteDate(note.createdAt)}</time>
        {edited && ` · edited ${noteDate(note.updatedAt)}`}
      </p>
      {editing ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            if (isTooLong(draft, COACH_NOTE_MAX_LENGTH)) return document.getElementById(`note-${note.id}`)?.focus();
            update.mutate({ coupleId, noteId: note.id, body: draft }, { onSuccess: () => setEditing(false) });
          }}
        >
          <LongTextField
            id={`note-${note.id}`}
            label="Edit note"
            rows={3}
            max={COACH_NOTE_MAX_LENGTH}
            value={draft}
            onChange={setDraft}
          />
          <FormError error={update.error} />
          <div className="button-row">
            <button type="submit" className="button" disabled={!draft.trim() || update.isPending}>
              Save
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <CollapsibleText className="note-body" text={note.body} />
          <FormError error={remove.error} />
          <div className="button-row">
            <button type="button" className="link-button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button
              type="button"
              className="link-button"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ coupleId, noteId: note.id })}
            >
              Delete
            </button>
          </div>
        </>
      )}
    </li>
  );
}
