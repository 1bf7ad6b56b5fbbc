import { MISSED_WEEKS_THRESHOLD } from '#shared/domain/coach-flags';
import type { RosterRowDto } from '#shared/schemas/coach.schema';
import type { AppDeps } from '#server/deps';
import { logDigestRead } from '#server/services/coach-reads.service';
import { rosterOf } from '#server/services/roster.service';
import {
  DIGEST_MOST_COUPLES,
  digestLine,
  digestMoreLine,
  type DigestAttention,
} from '#server/mail/notification-messages';
import type { DueEmail } from './due-email';
import { localDaysAt } from './local-time';

/**
 * The overview goes out on Monday from this hour, the coach's local time: the start of a working week, not midnight.
 * A server down all Monday sends none that week: an overview read on Wednesday would already be out of date.
 */
export const DIGEST_FROM_HOUR = 8;

/** Coaches whose Monday overview is due now: the option on, Monday from 08:00 in their zone. */
export async function dueCoachDigests(deps: AppDeps, now: Date): Promise<DueEmail[]> {
  const rows = await deps.db
    .selectFrom('reminder_settings as r')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .select(['u.id', 'u.display_name', 'r.time_zone'])
    .where('r.email_coach_digest', '=', 1)
    .where('u.role', '=', 'coach')
    .where('u.is_demo', '=', 0)
    .execute();
  const localDay = localDaysAt(now);
  return rows.flatMap((row): DueEmail[] => {
    const today = localDay(row.time_zone);
    if (today.weekday !== 1 || today.hour < DIGEST_FROM_HOUR) return [];
    return [
      {
        userId: row.id,
        kind: 'coachDigest',
        period: today.week,
        message: async () => {
          const lines = digestLines(await rosterOf(deps, row.id));
          await logDigestRead(deps, { id: row.id, displayName: row.display_name });
          return { kind: 'coachDigest', name: row.display_name, lines };
        },
      },
    ];
  });
}

/**
 * The roster's flags, reduced to what email may carry. A flag about one practice (a drop, a gap between the partners'
 * own ratings) names neither the practice nor a number: it becomes "something in their recent answers is worth a
 * look", as does a fall of the connection index, a score past a questionnaire's cut-off, and any kind of flag added
 * later. Missed check-ins say whose and for how long, and a questionnaire left unanswered says only that: that
 * someone answered is not what they said.
 */
export function digestLines(roster: readonly RosterRowDto[]): string[] {
  const flagged = roster.filter((row) => row.accessEndedAt === null && row.flags.length > 0);
  const lines = flagged.slice(0, DIGEST_MOST_COUPLES).map((row) => {
    const attention: DigestAttention[] = [];
    const kinds = new Set<string>(row.flags.map((f) => f.kind));
    if (kinds.has('missed-check-ins')) {
      // Only the partners the flag is about, as the roster counted them (weeks over everywhere): one who joined last
      // week and has not checked in yet is not named beside a partner who stopped weeks ago.
      const missing = row.partners.flatMap((p): { who: string; weeks: number | null }[] => {
        if (p.missedWeeks < MISSED_WEEKS_THRESHOLD) return [];
        return [{ who: p.displayName, weeks: p.lastCheckInWeek === null ? null : p.missedWeeks }];
      });
      for (const m of missing) attention.push({ kind: 'missedCheckIns', ...m });
    }
    const notAboutAnswers = new Set(['missed-check-ins', 'measure-missed', 'no-focus']);
    if ([...kinds].some((k) => !notAboutAnswers.has(k))) attention.push({ kind: 'answersWorthALook' });
    if (kinds.has('measure-missed')) attention.push({ kind: 'questionnaireMissed' });
    if (kinds.has('no-focus')) attention.push({ kind: 'noFocus' });
    if (attention.length === 0) attention.push({ kind: 'answersWorthALook' });
    return digestLine(row.partners.map((p) => p.displayName).join(' & '), attention);
  });
  if (flagged.length > DIGEST_MOST_COUPLES) lines.push(digestMoreLine(flagged.length - DIGEST_MOST_COUPLES));
  return lines;
}
