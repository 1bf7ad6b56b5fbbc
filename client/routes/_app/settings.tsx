import { useQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { AccountSettings } from '#client/features/account/account-settings';
import { CoachAccessSettings } from '#client/features/coach-access/coach-access-settings';
import { CoupleSettings } from '#client/features/couple/couple-settings';
import { PartnerInvite } from '#client/features/couple/partner-invite';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/_app/settings')({
  component: SettingsPage,
});

function SettingsPage() {
  const { me: initial } = Route.useRouteContext();
  const me = useQuery(trpc.auth.me.queryOptions()).data ?? initial;

  return (
    <div className="medium stack">
      <h1>Settings</h1>
      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Your account</h2>
        <dl className="definition-list">
          <dt>Name</dt>
          <dd>{me.displayName}</dd>
          <dt>Email</dt>
          <dd>{me.email}</dd>
          <dt>Role</dt>
          <dd>{me.role === 'coach' ? 'Coach' : 'Partner'}</dd>
        </dl>
        {me.isDemo && (
          <p className="notice">This is a demo account. It and everything in it are removed within a day.</p>
        )}
      </section>
      {me.role === 'partner' && (me.coupleId ? <CoupleSettings viewerId={me.id} /> : <PartnerInvite />)}
      <AccountSettings me={me} />
      {me.role === 'partner' && me.coupleId && <CoachAccessSettings />}
    </div>
  );
}
