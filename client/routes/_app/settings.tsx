import { useQuery } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { AccountSettings } from '#client/features/account/account-settings';
import { ProfileSettings } from '#client/features/account/profile-settings';
import { CoachAccessSettings } from '#client/features/coach-access/coach-access-settings';
import { EmailSettings } from '#client/features/email/email-settings';
import { CoupleSettings } from '#client/features/couple/couple-settings';
import { PartnerInvite } from '#client/features/couple/partner-invite';
import { ReminderSettingsSection } from '#client/features/reminders/reminder-settings';
import { trpc } from '#client/trpc';

export const Route = createFileRoute('/_app/settings')({
  component: SettingsPage,
});

/** From who you are, through who you share with, to your data; what cannot be undone comes last. */
function SettingsPage() {
  const { me: initial } = Route.useRouteContext();
  const me = useQuery(trpc.auth.me.queryOptions()).data ?? initial;

  return (
    <div className="medium stack">
      <h1>Settings</h1>
      <ProfileSettings me={me} />
      {me.role === 'partner' && (me.coupleId ? <CoupleSettings viewerId={me.id} /> : <PartnerInvite />)}
      {me.role === 'partner' && me.coupleId && <CoachAccessSettings />}
      <ReminderSettingsSection me={me} />
      <EmailSettings me={me} />
      <AccountSettings me={me} />
    </div>
  );
}
