import { useQuery } from '@tanstack/react-query';
import type { Practice } from '#shared/practices';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';
import { ReflectionForm } from './reflection-form';
import { OwnReflection, SharedReflection } from './reflection-item';

/**
 * The practice's reflection question, a place to answer it, your answers with who can read each, and the answers
 * your partner chose to share. Nothing private of anyone else ever reaches this page: the server leaves it out.
 */
export function ReflectionSection({ practice, partnerName }: { practice: Practice; partnerName: string | null }) {
  const list = useQuery(trpc.reflection.list.queryOptions({ practiceId: practice.id }));
  // Who "our coach" is: offered as an audience only while the couple has one.
  const inCouple = Boolean(useQuery(trpc.auth.me.queryOptions()).data?.coupleId);
  const coaches = useQuery({ ...trpc.couple.get.queryOptions(), enabled: inCouple }).data?.coaches ?? [];
  const mine = list.data?.filter((r) => r.mine) ?? [];
  const theirs = list.data?.filter((r) => !r.mine) ?? [];

  return (
    <section className="card reflections" aria-labelledby="reflect-heading">
      <h2 id="reflect-heading">A question to reflect on</h2>
      <p className="reflection-question">{practice.reflectionQuestion}</p>
      <p className="muted small">What you write here is private to you unless you choose to share it.</p>
      <ReflectionForm practiceId={practice.id} partnerName={partnerName} coaches={coaches} />
      {!showsAnswer(list) ? (
        list.isError ? (
          <p className="notice notice-error">We couldn't load the answers. Reload the page to try again.</p>
        ) : (
          <p className="muted">Loading your answers…</p>
        )
      ) : (
        <>
          <h3>Your answers</h3>
          {mine.length === 0 ? (
            <p className="muted">You haven't written an answer yet.</p>
          ) : (
            <ul className="reflection-list" aria-label="Your answers">
              {mine.map((r) => (
                <OwnReflection key={r.id} reflection={r} partnerName={partnerName} coaches={coaches} />
              ))}
            </ul>
          )}
          {partnerName && (
            <>
              <h3>
                Shared by <span dir="auto">{partnerName}</span>
              </h3>
              {theirs.length === 0 ? (
                <p className="muted">
                  <span dir="auto">{partnerName}</span> hasn't shared an answer to this question. Anything they keep
                  private stays with them.
                </p>
              ) : (
                <ul className="reflection-list" aria-label={`Shared by ${partnerName}`}>
                  {theirs.map((r) => (
                    <SharedReflection key={r.id} reflection={r} />
                  ))}
                </ul>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
