import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoachNoteDto } from '#shared/schemas/coach.schema';
import { FormError } from '#client/components/form-error';
import { trpc } from '#client/trpc';

export const noteDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

/** The coach's own notes about the couple: only this coach ever reads them. Newest first. */
export function CoachNotes({ coupleId }: { coupleId: string }) {
  const queryClient = useQueryClient();
  const notes = useQuery(trpc.coach.listNotes.queryOptions({ coupleId }));
  const [body, setBody] = useState('');
  const refresh = () => queryClient.invalidateQueries(trpc.coach.listNotes.pathFilter());
  const add = useMutation(trpc.coach.addNote.mutationOptions({ onSuccess: refresh }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate({ coupleId, body }, { onSuccess: () => setBody('') });
  };

  return (
    <section className="card stack" aria-labelledby="notes-heading">
      <h2 id="notes-heading">Your notes</h2>
      <p className="muted small">Private to you: the couple and other coaches never see them.</p>
      <form onSubmit={submit} className="stack" noValidate>
        <div className="field">
          <label htmlFor="new-note">New note</label>
          <textarea id="new-note" rows={3} maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
        </div>
        <FormError error={add.error} />
        <div>
          <button type="submit" className="button" disabled={!body.trim() || add.isPending}>
            Save note
          </button>
        </div>
      </form>
      {notes.isPending ? (
        <div className="skeleton" style={{ height: '4rem' }} />
      ) : notes.isError ? (
        <FormError error={notes.error} />
      ) : notes.data.length === 0 ? (
        <p className="muted">No notes yet.</p>
      ) : (
        <ul className="note-list" aria-label="Your notes, newest first">
          {notes.data.map((note) => (
            <NoteItem key={note.id} coupleId={coupleId} note={note} onChanged={refresh} />
          ))}
        </ul>
      )}
    </section>
  );
}

function NoteItem({
  coupleId,
  note,
  onChanged,
}: {
  coupleId: string;
  note: CoachNoteDto;
  onChanged: () => Promise<void>;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.body);
  const update = useMutation(trpc.coach.updateNote.mutationOptions({ onSuccess: onChanged }));
  const remove = useMutation(trpc.coach.deleteNote.mutationOptions({ onSuccess: onChanged }));
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
            update.mutate({ coupleId, noteId: note.id, body: draft }, { onSuccess: () => setEditing(false) });
          }}
        >
          <div className="field">
            <label htmlFor={`note-${note.id}`}>Edit note</label>
            <textarea
              id={`note-${note.id}`}
              rows={3}
              maxLength={5000}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
          </div>
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
          <p className="note-body">{note.body}</p>
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
