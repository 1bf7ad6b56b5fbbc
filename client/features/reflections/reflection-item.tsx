import { useState } from 'react';
import type { CoupleCoachDto } from '#shared/schemas/couple.schema';
import type { ReflectionDto } from '#shared/schemas/reflection.schema';
import { CollapsibleText } from '#client/components/collapsible-text';
import { FormError } from '#client/components/form-error';
import { ReflectionForm } from './reflection-form';
import { useReflectionActions } from './use-reflection-actions';
import { formatDay, readersOfMine, readersOfTheirs } from './visibility-text';

function Dates({ reflection }: { reflection: ReflectionDto }) {
  const edited = reflection.updatedAt !== reflection.createdAt;
  return (
    <>
      {formatDay(reflection.createdAt)}
      {edited && `, edited ${formatDay(reflection.updatedAt)}`}
    </>
  );
}

/** One of your own answers: who can read it, one click to share it or make it private again, edit, delete. */
export function OwnReflection({
  reflection,
  partnerName,
  coaches,
}: {
  reflection: ReflectionDto;
  partnerName: string | null;
  coaches: CoupleCoachDto[];
}) {
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const { setVisibility, remove } = useReflectionActions();
  const shared = reflection.visibility !== 'private';

  if (editing) {
    return (
      <li className="reflection">
        <ReflectionForm
          practiceId={reflection.practiceId}
          partnerName={partnerName}
          coaches={coaches}
          editing={reflection}
          onDone={() => setEditing(false)}
        />
      </li>
    );
  }
  return (
    <li className="reflection">
      <CollapsibleText className="reflection-body" text={reflection.body} />
      <p className="muted small">
        You wrote this on <Dates reflection={reflection} />.
      </p>
      <p className={`reflection-readers ${shared ? 'is-shared' : ''}`}>
        {readersOfMine(reflection.visibility, partnerName)}
      </p>
      <div className="button-row">
        {(shared || partnerName) && (
          <button
            type="button"
            className="button button-secondary"
            disabled={setVisibility.isPending}
            onClick={() => setVisibility.mutate({ id: reflection.id, visibility: shared ? 'private' : 'partner' })}
          >
            {shared ? 'Make private again' : `Share with ${partnerName}`}
          </button>
        )}
        <button type="button" className="link-button" onClick={() => setEditing(true)}>
          Edit
        </button>
        {confirmDelete ? (
          <>
            <button
              type="button"
              className="link-button"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ id: reflection.id })}
            >
              Yes, delete it
            </button>
            <button type="button" className="link-button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button type="button" className="link-button" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </div>
      <FormError error={setVisibility.error ?? remove.error} />
    </li>
  );
}

/** An answer someone else shared: theirs to change, yours to read. */
export function SharedReflection({ reflection }: { reflection: ReflectionDto }) {
  return (
    <li className="reflection">
      <CollapsibleText className="reflection-body" text={reflection.body} />
      <p className="muted small">
        <span dir="auto">{reflection.author.displayName}</span> wrote this on <Dates reflection={reflection} />.{' '}
        {readersOfTheirs(reflection.visibility)}
      </p>
    </li>
  );
}
