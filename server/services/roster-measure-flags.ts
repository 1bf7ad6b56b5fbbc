import {
  lastEndedPeriods,
  measureFlags,
  MISSED_PERIODS_THRESHOLD,
  type GivenScore,
  type MeasureFlagAnswer,
} from '#shared/domain/measure-flags';
import type { RosterFlag } from '#shared/schemas/coach.schema';
import type { Cutoff } from '#shared/schemas/measure.schema';
import { addWeeks, compareWeeks, type Week } from '#shared/week';
import type { DB } from '#server/db/database';
import {
  listAnsweredPeriods,
  listRosterAssignments,
  listFirstScoresInRanges,
  RECENT_ANSWERS_READ,
  type PartnerPeriods,
  type RosterAssignmentRow,
  type ScoreRange,
} from '#server/repositories/roster-measures.repository';

// The roster's flags about measures: one read for every couple of the coach at once, side by side with the roster's
// other reads, and at most two more, each only when needed (see `listFirstScoresInRanges` and `listAnsweredPeriods`);
// then the pure rules of measure-flags.ts.

export function readRosterMeasures(db: DB, coachId: string): Promise<RosterAssignmentRow[]> {
  return listRosterAssignments(db, coachId);
}

/** What the roster knows of a couple already: its current partners and when its membership began. */
export interface RosterCoupleView {
  partners: { id: string; displayName: string }[];
  sharedFromWeek: Week;
  /** The ISO time the current membership began (the latest joining, or a partner leaving); null with nobody left. */
  sharedSince: string | null;
}

/** Given within the couple's current membership (the rule of measure-visibility.ts). */
const withinMembership = (answer: GivenScore, couple: RosterCoupleView) =>
  compareWeeks(answer.period, couple.sharedFromWeek) >= 0 ||
  (couple.sharedSince !== null && answer.createdAt >= couple.sharedSince);

function cutoffOf(row: RosterAssignmentRow): Cutoff | null {
  if (row.cutoffValue === null) return null;
  if (row.cutoffDirection !== 'above' && row.cutoffDirection !== 'below') return null;
  return { value: row.cutoffValue, direction: row.cutoffDirection };
}

const pairKey = (assignmentId: string, userId: string) => `${assignmentId} ${userId}`;

/**
 * A first answer given before the couple's current membership is not the first the coach may count. When some of the
 * latest answers read were given before it too, the first that counts is among them; otherwise one read finds it, for
 * every such partner at once, from the period that may have been under way when the membership began up to the oldest
 * of those, by the same rule as `withinMembership` (in SQL, so that it stops at the first).
 */
async function firstsInMembership(
  db: DB,
  rows: readonly RosterAssignmentRow[],
  couples: ReadonlyMap<string, RosterCoupleView>,
): Promise<Map<string, GivenScore>> {
  const ranges: ScoreRange[] = [];
  for (const row of rows) {
    const couple = couples.get(row.coupleId);
    const oldest = row.recent.at(-1);
    if (!couple || !row.first || !oldest || withinMembership(row.first, couple)) continue;
    if (row.recent.length === RECENT_ANSWERS_READ && row.recent.every((answer) => withinMembership(answer, couple)))
      ranges.push({
        assignmentId: row.assignmentId,
        userId: row.userId,
        fromPeriod: addWeeks(couple.sharedFromWeek, -row.everyWeeks),
        beforePeriod: oldest.period,
        sharedFromWeek: couple.sharedFromWeek,
        sharedSince: couple.sharedSince,
      });
  }
  const firsts = new Map<string, GivenScore>();
  for (const { assignmentId, userId, ...first } of await listFirstScoresInRanges(db, ranges))
    firsts.set(pairKey(assignmentId, userId), first);
  return firsts;
}

/**
 * The roster reads answers to the measure's current questions only, so a partner who answered the last two ended
 * periods before the coach changed the questions would read as having missed them. For each partner with none of
 * those periods among the answers read, one read for all of them at once finds the ones answered on versions that
 * asked other questions: by assignment id, the periods each partner answered.
 */
async function answeredOnEarlierVersions(
  db: DB,
  rows: readonly RosterAssignmentRow[],
  now: Date,
): Promise<Map<string, { userId: string; period: Week }[]>> {
  const wanted: PartnerPeriods[] = [];
  for (const row of rows) {
    const ended = lastEndedPeriods(row, now, MISSED_PERIODS_THRESHOLD);
    // Fewer ended periods can never be missed; one answered among the rows read already rules the flag out.
    if (ended.length < MISSED_PERIODS_THRESHOLD) continue;
    if (ended.some((period) => row.recent.some((answer) => answer.period === period))) continue;
    wanted.push({ assignmentId: row.assignmentId, userId: row.userId, periods: ended });
  }
  const found = new Map<string, { userId: string; period: Week }[]>();
  for (const { assignmentId, userId, period } of await listAnsweredPeriods(db, wanted))
    found.set(assignmentId, [...(found.get(assignmentId) ?? []), { userId, period }]);
  return found;
}

/** The measure flags of each couple, by couple id (couples without any are absent). */
export async function measureFlagsOfCouples(
  db: DB,
  rows: readonly RosterAssignmentRow[],
  couples: ReadonlyMap<string, RosterCoupleView>,
  now: Date,
): Promise<Map<string, RosterFlag[]>> {
  const rowsOf = new Map<string, RosterAssignmentRow[]>();
  for (const row of rows) {
    const list = rowsOf.get(row.assignmentId) ?? [];
    list.push(row);
    rowsOf.set(row.assignmentId, list);
  }
  const [firsts, earlier] = await Promise.all([
    firstsInMembership(db, rows, couples),
    answeredOnEarlierVersions(db, rows, now),
  ]);

  const flagsOf = new Map<string, RosterFlag[]>();
  for (const [assignmentId, partnerRows] of rowsOf) {
    const head = partnerRows[0];
    const couple = head && couples.get(head.coupleId);
    if (!head || !couple) continue;
    const answers: MeasureFlagAnswer[] = partnerRows.flatMap((row) =>
      row.recent.map((answer) => ({ userId: row.userId, ...answer, skipped: false })),
    );
    const rowOf = new Map(partnerRows.map((row) => [row.userId, row]));
    const flags = measureFlags({
      assignment: {
        assignmentId,
        measureName: head.measureName,
        startWeek: head.startWeek,
        everyWeeks: head.everyWeeks,
        cutoff: cutoffOf(head),
        reliableChange: head.reliableChange,
      },
      partners: couple.partners.map((partner) => ({
        id: partner.id,
        displayName: partner.displayName,
        first: firsts.get(pairKey(assignmentId, partner.id)) ?? rowOf.get(partner.id)?.first ?? null,
      })),
      sharedFromWeek: couple.sharedFromWeek,
      sharedSince: couple.sharedSince,
      answers,
      answeredOnEarlierVersions: earlier.get(assignmentId) ?? [],
      now,
    });
    if (flags.length > 0) flagsOf.set(head.coupleId, [...(flagsOf.get(head.coupleId) ?? []), ...flags]);
  }
  return flagsOf;
}
