import { weekOf, type Week } from '#shared/week';
import type { AppDeps } from '#server/deps';
import { checkInKeys } from '#server/repositories/assessments.repository';
import type { DueEmail } from './due-email';
import { localDaysAt } from './local-time';

/**
 * "<Partner> has checked in" and "You have both answered", for the week the recipient is in now (their own calendar's
 * week) and no other: a check-in made late for an earlier week, or a server back from a long outage, sends nothing
 * about weeks gone by. The delivery key (person, kind, week) makes each one once per week.
 */
export async function duePartnerAnswers(deps: AppDeps, now: Date): Promise<DueEmail[]> {
  const rows = await deps.db
    .selectFrom('reminder_settings as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .innerJoin('couple_members as me', 'me.user_id', 'u.id')
    .innerJoin('couple_members as them', (join) =>
      join.onRef('them.couple_id', '=', 'me.couple_id').onRef('them.user_id', '<>', 'me.user_id'),
    )
    .innerJoin('users as p', 'p.id', 'them.user_id')
    .select([
      'u.id',
      'u.display_name',
      'r.time_zone',
      'r.email_partner_checked_in',
      'r.email_both_answered',
      'p.id as partner_id',
      'p.display_name as partner_name',
    ])
    .where('u.role', '=', 'partner')
    .where('u.is_demo', '=', 0)
    .where((eb) => eb.or([eb('r.email_partner_checked_in', '=', 1), eb('r.email_both_answered', '=', 1)]))
    // Both kinds need the partner's check-in for the recipient's week, which is one of the weeks some zone is in now:
    // only couples with such a check-in are read, not everyone who turned the options on.
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('assessments as a')
          .select('a.user_id')
          .whereRef('a.user_id', '=', 'them.user_id')
          .where('a.week', 'in', weeksSomewhere(now)),
      ),
    )
    .execute();
  if (rows.length === 0) return [];

  const localDay = localDaysAt(now);
  const withWeek = rows.map((row) => ({ row, week: localDay(row.time_zone).week }));
  const done = await checkInKeys(
    deps.db,
    rows.flatMap((r) => [r.id, r.partner_id]),
    withWeek.map((w) => w.week),
  );

  return withWeek.flatMap(({ row, week }): DueEmail[] => {
    const mine = done.has(`${row.id} ${week}`);
    const theirs = done.has(`${row.partner_id} ${week}`);
    if (theirs && !mine && row.email_partner_checked_in === 1) {
      return [
        {
          userId: row.id,
          kind: 'partnerCheckedIn',
          period: week,
          message: () =>
            Promise.resolve({ kind: 'partnerCheckedIn', name: row.display_name, partnerName: row.partner_name }),
        },
      ];
    }
    if (theirs && mine && row.email_both_answered === 1) {
      return [
        {
          userId: row.id,
          kind: 'bothAnswered',
          period: week,
          message: () =>
            Promise.resolve({ kind: 'bothAnswered', name: row.display_name, partnerName: row.partner_name }),
        },
      ];
    }
    return [];
  });
}

/** Every week some time zone is in at `now`: from UTC-12 to UTC+14, at most two. */
function weeksSomewhere(now: Date): Week[] {
  const hour = 60 * 60 * 1000;
  return [...new Set([weekOf(new Date(now.getTime() - 12 * hour)), weekOf(new Date(now.getTime() + 14 * hour))])];
}
