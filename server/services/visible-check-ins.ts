import { withinMembership } from '#shared/domain/membership';
import { visibilityFilter, type OwnedWeek } from '#shared/domain/visibility';
import type { Ratings } from '#shared/schemas/common.schema';
import { compareWeeks, newestEndedWeek, type Week } from '#shared/week';
import type { DB } from '#server/db/database';
import { parseRatings } from '#server/db/ratings-encoding';
import { listAssessments, type HistoryRow, type WeekRange } from '#server/repositories/assessments.repository';
import type { CoupleAccess } from './access.service';

/** Who reads a couple's check-ins, and since when the couple shares them. */
export interface CheckInReader {
  memberIds: readonly string[];
  /** The member reading: their own check-ins are always theirs. Null for a coach, or for "everyone". */
  viewerId: string | null;
  /** The first week of the couple's current membership (see `withinMembership`). */
  sharedFromWeek: Week | null;
  /**
   * For an answer that must read the same for every member: a week still under way shows only once everyone has
   * logged it, the viewer's own entry included.
   */
  sameForAll?: boolean;
}

export interface StoredCheckIn extends OwnedWeek {
  /** As stored (see db/ratings-encoding.ts). */
  ratings: string;
}

export type ReadableCheckIn<Row extends StoredCheckIn> = Omit<Row, 'ratings'> & { ratings: Ratings };

export interface SeenCheckIns<Row extends StoredCheckIn> {
  /** Within the membership: what the reader may count (logged weeks, late changes), read or not yet. */
  counted: Row[];
  /** What the reader may read, in the rows' order; only these have their ratings decoded. */
  visible: ReadableCheckIn<Row>[];
}

export function readerOf(access: CoupleAccess): CheckInReader {
  return {
    memberIds: access.members.map((m) => m.id),
    viewerId: access.viewerId,
    sharedFromWeek: access.sharedFromWeek,
  };
}

/** Whether a row belongs to what the reader may count at all: the membership half of `checkInsSeenBy`. */
export function countedBy(reader: CheckInReader): (row: OwnedWeek) => boolean {
  return withinMembership(reader.viewerId, reader.sharedFromWeek);
}

/**
 * The one place that says which of a couple's check-ins a reader may see: within the membership (see
 * `withinMembership`), then the rule of weeks under way (see `visibilityFilter`). The rows are one couple's, in any
 * number of weeks; a reader of many couples calls it once per couple.
 */
export function checkInsSeenBy<Row extends StoredCheckIn>(
  rows: readonly Row[],
  reader: CheckInReader,
  now: Date,
): SeenCheckIns<Row> {
  const counted = rows.filter(countedBy(reader));
  // Weeks that have ended are visible to all, so the rule of weeks under way runs only on the few rows of weeks
  // still open: the dashboard and the roster read hundreds or thousands of rows.
  const lastEnded = newestEndedWeek(now);
  const ended = (row: Row) => compareWeeks(row.week, lastEnded) <= 0;
  const open = counted.filter((row) => !ended(row));
  const openVisible = new Set(
    open.filter(visibilityFilter(open, reader.memberIds, reader.sameForAll ? null : reader.viewerId, now)),
  );
  const visible: ReadableCheckIn<Row>[] = [];
  for (const row of counted)
    if (ended(row) || openVisible.has(row)) visible.push({ ...row, ratings: parseRatings(row.ratings) });
  return { counted, visible };
}

/** A couple's check-ins in a range of weeks, oldest first, as the reader may see them. */
export async function readVisibleCheckIns(
  db: DB,
  reader: CheckInReader,
  range: WeekRange,
  now: Date,
): Promise<SeenCheckIns<HistoryRow>> {
  return checkInsSeenBy(await listAssessments(db, [...reader.memberIds], range), reader, now);
}
