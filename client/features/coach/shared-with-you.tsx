import { useQuery } from '@tanstack/react-query';
import { PRACTICES_BY_ID } from '#shared/practices';
import type { ReflectionDto } from '#shared/schemas/reflection.schema';
import { CollapsibleText } from '#client/components/collapsible-text';
import { FormError } from '#client/components/form-error';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';

const dayMonthYear = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
const day = (iso: string) => dayMonthYear.format(new Date(iso));

function SharedReflection({ reflection, onPaper }: { reflection: ReflectionDto; onPaper: boolean }) {
  const edited = reflection.updatedAt !== reflection.createdAt;
  return (
    <li className="reflection shared-reflection">
      <h3>{PRACTICES_BY_ID[reflection.practiceId].name}</h3>
      <p className="muted small">
        <span dir="auto">{reflection.author.displayName}</span> wrote this on{' '}
        <time dateTime={reflection.createdAt}>{day(reflection.createdAt)}</time>
        {edited && (
          <>
            , edited <time dateTime={reflection.updatedAt}>{day(reflection.updatedAt)}</time>
          </>
        )}
        .
      </p>
      {onPaper ? (
        <>
          {/* On screen a long answer shows its beginning; on paper the whole of it. */}
          <div className="no-print">
            <CollapsibleText text={reflection.body} className="reflection-body" />
          </div>
          <p className="reflection-body print-only" dir="auto">
            {reflection.body}
          </p>
        </>
      ) : (
        <CollapsibleText text={reflection.body} className="reflection-body" />
      )}
    </li>
  );
}

/**
 * The reflections the partners shared with their coach, newest first, with the practice each answers and when it was
 * written. Only what was shared while this coach has had access; their private reflections never show.
 */
export function SharedWithYou({ coupleId, onPaper = false }: { coupleId: string; onPaper?: boolean }) {
  const shared = useQuery(trpc.reflection.list.queryOptions({ coupleId }));
  return (
    <section className="card" aria-labelledby="shared-with-you-heading">
      <h2 id="shared-with-you-heading">Shared with you</h2>
      <p className="muted small no-print">
        Reflections they chose to share with you while you coach them. Their private ones stay theirs.
      </p>
      {!showsAnswer(shared) ? (
        shared.isError ? (
          <FormError error={shared.error} />
        ) : (
          <div className="skeleton" style={{ height: '4rem' }} />
        )
      ) : shared.data.length === 0 ? (
        <p className="muted">
          Nothing shared with you yet. When one of them shares a reflection with their coach, it appears here.
        </p>
      ) : (
        <ul className="reflection-list" aria-label="Reflections shared with you, newest first">
          {shared.data.map((r) => (
            <SharedReflection key={r.id} reflection={r} onPaper={onPaper} />
          ))}
        </ul>
      )}
    </section>
  );
}
