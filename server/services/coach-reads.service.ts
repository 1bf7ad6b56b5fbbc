import type { AppDeps } from '#server/deps';
import { recordCoachRead, recordRosterRead } from '#server/repositories/coach-access-log.repository';
import type { Caller } from './caller';

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
  'activity.list': 'activity',
  'measure.results': 'measures',
  'measure.assignments': 'measures',
};

function window(deps: AppDeps) {
  const now = deps.now();
  return { atIso: now.toISOString(), sinceIso: new Date(now.getTime() - ACCESS_LOG_DEDUP_MS).toISOString() };
}

/** `path` is the procedure that answered; the couple's log names the kind of data it read. */
export async function logCoachRead(deps: AppDeps, coach: Caller, coupleId: string, path: string): Promise<void> {
  await recordCoachRead(deps.db, coupleId, {
    coachId: coach.id,
    coachName: coach.displayName,
    what: WHAT_BY_PATH[path] ?? path,
    ...window(deps),
  });
}

export async function logRosterRead(deps: AppDeps, coach: Caller): Promise<void> {
  await recordRosterRead(deps.db, { coachId: coach.id, coachName: coach.displayName, what: 'roster', ...window(deps) });
}

/**
 * The coach's Monday overview email read the roster for them: each couple's log says so, as it does when the coach
 * opens the roster. Email leaves the server, so the couple should know it went.
 */
export async function logDigestRead(deps: AppDeps, coach: { id: string; displayName: string }): Promise<void> {
  await recordRosterRead(deps.db, {
    coachId: coach.id,
    coachName: coach.displayName,
    what: 'roster-email',
    ...window(deps),
  });
}
