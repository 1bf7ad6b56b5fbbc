import {
  byFlagUrgency,
  connectionTrend,
  missedWeeks,
  ROSTER_LOOKBACK_WEEKS,
  rosterFlags,
  urgencyOf,
  type RosterEntry,
  type RosterPartner,
} from '#shared/domain/coach-flags';
import { membershipStart } from '#shared/domain/membership';
import { isPracticeId, type PracticeId } from '#shared/practice-ids';
import type { RosterRowDto } from '#shared/schemas/coach.schema';
import { addWeeks, compareWeeks, currentWeek, oldestUnendedWeek, weekOf, type Week } from '#shared/week';
import {
  listAdoptedFocusSummaries,
  listEndedAccess,
  listRecentCheckIns,
  listRosterMembers,
  type RosterCheckInRow,
} from '#server/repositories/roster.repository';
import { deleteEndedLinksBefore } from '#server/repositories/coach-links.repository';
import type { DB } from '#server/db/database';
import type { AppDeps } from '#server/deps';
import type { Caller } from './caller';
import { logRosterRead } from './coach-reads.service';
import { measureFlagsOfCouples, readRosterMeasures, type RosterCoupleView } from './roster-measure-flags';
import { checkInsSeenBy } from './visible-check-ins';

/**
 * The calling coach's roster. Each couple on it sees in its log that the coach looked; only a roster that was read
 * counts, so a read that fails logs nothing.
 */
export async function readRoster(deps: AppDeps, coach: Caller): Promise<RosterRowDto[]> {
  const [roster, ended] = await Promise.all([rosterOf(deps, coach.id), endedAccessOf(deps, coach.id)]);
  await logRosterRead(deps, coach);
  return [...roster, ...ended];
}

/** How long a couple whose access ended stays on the coach's roster, as "Access ended on …". */
export const ENDED_ACCESS_KEPT_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Couples whose access ended in the last 30 days, latest first, after the live ones. Only the couple's id and when:
 * consent has ended, so neither their names nor anything they shared is kept or shown ("A couple you coached").
 */
async function endedAccessOf(deps: AppDeps, coachId: string): Promise<RosterRowDto[]> {
  const since = new Date(deps.now().getTime() - ENDED_ACCESS_KEPT_MS).toISOString();
  return (await listEndedAccess(deps.db, coachId, since)).map((row) => ({
    coupleId: row.coupleId,
    partners: [],
    flags: [],
    connection: { now: null, trend: [], weeks: [] },
    focus: null,
    urgency: 0,
    accessEndedAt: row.endedAt,
  }));
}

/** Housekeeping: ended access older than 30 days is forgotten. */
export async function forgetEndedAccess(db: DB, now: Date): Promise<void> {
  await deleteEndedLinksBefore(db, new Date(now.getTime() - ENDED_ACCESS_KEPT_MS).toISOString());
}

/**
 * Every couple that consented to this coach, with what needs attention first. Four reads for the whole roster
 * (partners with their latest week, recent check-ins, adopted focuses, the coach's running measures with each
 * partner's first and latest answers; rarely a fifth, see roster-measure-flags.ts), then pure rules from
 * shared/domain. Read without logging a roster read: the Monday overview email reads it too, without the coach looking.
 */
export async function rosterOf(deps: AppDeps, coachId: string): Promise<RosterRowDto[]> {
  const now = deps.now();
  const thisWeek = currentWeek(now);
  const unendedFrom = oldestUnendedWeek(now);
  const [members, recent, focuses, measures] = await Promise.all([
    listRosterMembers(deps.db, coachId),
    listRecentCheckIns(deps.db, coachId, addWeeks(thisWeek, -ROSTER_LOOKBACK_WEEKS), thisWeek),
    listAdoptedFocusSummaries(deps.db, coachId),
    readRosterMeasures(deps.db, coachId),
  ]);

  const focusOf = new Map(focuses.map((f) => [f.coupleId, f]));
  const entriesOf = new Map<string, RosterCheckInRow[]>();
  for (const row of recent) {
    const list = entriesOf.get(row.userId) ?? [];
    list.push(row);
    entriesOf.set(row.userId, list);
  }

  const couples = new Map<
    string,
    {
      createdAt: string;
      coachFocus: string | null;
      members: { id: string; name: string; joinedAt: string; partnerLeftAt: string | null; lastWeek: Week | null }[];
    }
  >();
  for (const row of members) {
    const couple = couples.get(row.coupleId) ?? {
      createdAt: row.coupleCreatedAt,
      coachFocus: row.coachFocus,
      members: [],
    };
    if (row.userId && row.displayName && row.joinedAt) {
      couple.members.push({
        id: row.userId,
        name: row.displayName,
        joinedAt: row.joinedAt,
        partnerLeftAt: row.partnerLeftAt,
        lastWeek: row.lastWeek ?? null,
      });
    }
    couples.set(row.coupleId, couple);
  }

  // The coach sees each couple from the start of its current membership: nothing a partner logged before it, not
  // even when, counts here (the weeks, the latest week, the missed weeks, the weeks without a focus, the measures).
  const sinceOf = new Map<string, Week>();
  const views = new Map<string, RosterCoupleView>();
  for (const [coupleId, couple] of couples) {
    const { sharedFromWeek, sharedSince } = membershipStart(couple.members);
    const since = sharedFromWeek ?? weekOf(new Date(couple.createdAt));
    sinceOf.set(coupleId, since);
    views.set(coupleId, {
      partners: couple.members.map((m) => ({ id: m.id, displayName: m.name })),
      sharedFromWeek: since,
      sharedSince,
    });
  }
  const measureFlagsOf = await measureFlagsOfCouples(deps.db, measures, views, now);

  const rows: RosterRowDto[] = [];
  for (const [coupleId, couple] of couples) {
    const memberIds = couple.members.map((m) => m.id);
    const since = sinceOf.get(coupleId) ?? weekOf(new Date(couple.createdAt));
    const inMembership = (week: Week | null) => week !== null && compareWeeks(week, since) >= 0;
    // A coach is neither partner: only what both partners may already see of a week still under way.
    const coupleRows = memberIds.flatMap((id) => entriesOf.get(id) ?? []);
    const { visible } = checkInsSeenBy(coupleRows, { memberIds, viewerId: null, sharedFromWeek: since }, now);
    const partners: RosterPartner[] = couple.members.map((m) => ({
      id: m.id,
      displayName: m.name,
      lastCheckInWeek: inMembership(m.lastWeek) ? m.lastWeek : null,
      joinedWeek: since,
      entries: visible.filter((r) => r.userId === m.id).map((r): RosterEntry => ({ week: r.week, ratings: r.ratings })),
    }));
    const adopted = focusOf.get(coupleId);
    const current = adopted?.current && isPracticeId(adopted.current) ? adopted.current : null;
    const lastFocusWeek = adopted?.lastEndWeek ?? null;
    const flags = byFlagUrgency([
      ...rosterFlags({
        thisWeek,
        oldestUnendedWeek: unendedFrom,
        partners,
        sinceWeek: since,
        adoptedFocus: { current, lastWeek: inMembership(lastFocusWeek) ? lastFocusWeek : null },
      }),
      ...(measureFlagsOf.get(coupleId) ?? []),
    ]);
    const coachFocus = couple.coachFocus && isPracticeId(couple.coachFocus) ? couple.coachFocus : null;
    rows.push({
      coupleId,
      partners: partners.map((p) => ({
        id: p.id,
        displayName: p.displayName,
        lastCheckInWeek: p.lastCheckInWeek,
        missedWeeks: missedWeeks(p, unendedFrom),
      })),
      flags,
      connection: connectionTrend(partners, thisWeek),
      focus: focusOfCouple(coachFocus, current),
      urgency: urgencyOf(flags),
      accessEndedAt: null,
    });
  }
  return rows.sort(byUrgency);
}

function focusOfCouple(coachFocus: PracticeId | null, adopted: PracticeId | null): RosterRowDto['focus'] {
  if (coachFocus) return { practiceId: coachFocus, by: 'coach' };
  if (adopted) return { practiceId: adopted, by: 'couple' };
  return null;
}

const nameOf = (row: RosterRowDto) => row.partners.map((p) => p.displayName).join(' ');

/** Most urgent first; then by name, so the order is stable between visits. */
function byUrgency(a: RosterRowDto, b: RosterRowDto): number {
  return b.urgency - a.urgency || nameOf(a).localeCompare(nameOf(b)) || a.coupleId.localeCompare(b.coupleId);
}
