import type { UserDto } from '#shared/schemas/auth.schema';
import { KeptMeasures } from '#client/features/measures/kept-measures';
import { ChangePassword } from './change-password';
import { DeleteAccount } from './delete-account';
import { ExportData } from './export-data';
import { ImportData } from './import-data';
import { LeaveCouple } from './leave-couple';
import { LogoutEverywhere } from './logout-everywhere';

/**
 * The person's rights over their data and their sessions: the lower half of the settings page. A demo account has
 * no password anyone knows and goes away by itself, so it offers neither a password change nor deletion; nor an
 * import, which the server refuses to an account anyone can make without signing up; nor leaving the demo couple,
 * which the demo keeps until it is removed.
 */
export function AccountSettings({ me }: { me: UserDto }) {
  const partner = me.role === 'partner';
  const withPassword = !me.isDemo;
  return (
    <>
      <section className="card stack" aria-labelledby="data-heading">
        <h2 id="data-heading">Your data</h2>
        <ExportData withRatings={partner} />
        {partner && !me.isDemo && <ImportData />}
        {partner && <KeptMeasures />}
      </section>
      <section className="card stack" aria-labelledby="security-heading">
        <h2 id="security-heading">{withPassword ? 'Password and devices' : 'Devices'}</h2>
        {withPassword && <ChangePassword />}
        <LogoutEverywhere />
      </section>
      {partner && me.coupleId && !me.isDemo && <LeaveCouple viewerId={me.id} />}
      {withPassword && <DeleteAccount inCouple={Boolean(me.coupleId)} />}
    </>
  );
}
