import { recordCoachRead, recordRosterRead } from '../repositories/coach-access-log.repository';
import type { UserWithCouple } from '../repositories/users.repository';
import type { Context } from '../trpc/context';

/** Reads of the same kind by the same coach within this window leave one line in the couple's log. */
export const ACCESS_LOG_DEDUP_MS = 10 * 60 * 1000;

/** What the couple reads in their log: the kind of data, not our procedure names. */
const WHAT_BY_PATH: Readonly<Record<string, string>> = {
  'couple.get': 'couple',
  'dashboard.get': 'dashboard',
  'assessment.history': 'history',
  'assessment.weekStatus': 'status',
  'suggestion.next': 'suggestion',
  'focus.list': 'focuses',
  'reflection.list': 'reflections',
};

function window(ctx: Context) {
  const now = ctx.now();
  return { atIso: now.toISOString(), sinceIso: new Date(now.getTime() - ACCESS_LOG_DEDUP_MS).toISOString() };
}

export async function logCoachRead(ctx: Context, coach: UserWithCouple, coupleId: string, path: string): Promise<void> {
  await recordCoachRead(ctx.db, coupleId, { coachId: coach.id, coachName: coach.display_name, what: WHAT_BY_PATH[path] ?? path, ...window(ctx) });
}

export async function logRosterRead(ctx: Context, coach: UserWithCouple): Promise<void> {
  await recordRosterRead(ctx.db, { coachId: coach.id, coachName: coach.display_name, what: 'roster', ...window(ctx) });
}
