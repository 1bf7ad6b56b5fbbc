import { useQuery } from '@tanstack/react-query';
import { FormError } from '#client/components/form-error';
import { partnerClass } from '#client/features/dashboard/partner-identity';
import { showsAnswer } from '#client/lib/errors';
import { trpc } from '#client/trpc';
import { PartnerInvite } from './partner-invite';

/** The couple as it stands: who is in it, and the way to invite the second partner while one is missing. */
export function CoupleSettings({ viewerId }: { viewerId: string }) {
  const couple = useQuery(trpc.couple.get.queryOptions());
  if (!showsAnswer(couple)) {
    return couple.isError ? (
      <FormError error={couple.error} />
    ) : (
      <div className="skeleton" style={{ height: '6rem' }} />
    );
  }
  return (
    <div className="stack">
      <section className="card" aria-labelledby="couple-heading">
        <h2 id="couple-heading">Your couple</h2>
        <ul className="status-list">
          {couple.data.partners.map((p, index) => (
            <li key={p.id}>
              <span className={partnerClass(index)}>
                <span className="partner-swatch" aria-hidden="true" />
                <span dir="auto">{p.displayName}</span>
                {p.id === viewerId && ' (you)'}
              </span>
            </li>
          ))}
        </ul>
      </section>
      {couple.data.partners.length < 2 && <PartnerInvite />}
    </div>
  );
}
