import { addWeeks, compareWeeks, weeksBetween, type Week } from '#shared/week';
import { countCheckInsBetween, listWeeksEveryoneLogged } from '#server/repositories/assessments.repository';
import type { DB } from '#server/db/database';

/** The first stretch followed; most streaks that reach past the charts' weeks end within it. */
const FIRST_SPAN_WEEKS = 16;
/** Stretches double up to this, so the last one, which is read, stays short however long the streak. */
const MAX_SPAN_WEEKS = 128;

/**
 * Weeks in a row, ending the week before `before` and starting no earlier than `floor` (when given), in which every
 * one of these people checked in.
 *
 * A streak can go back years, and reading every week of it would make the most faithful couples' dashboards the
 * slowest. So the streak is followed in stretches that double in length: the first, where most streaks end, is read
 * (the weeks everyone logged); a later one is counted first (a full stretch has one check-in per person per week)
 * and read only when the streak ends inside it. A couple's streak stops at `floor`, the start of its current
 * membership: what one of them did before is not the couple's.
 */
export async function fullWeeksBefore(
  db: DB,
  userIds: string[],
  before: Week,
  floor: Week | null = null,
): Promise<number> {
  if (userIds.length === 0) return 0;
  let counted = 0;
  let end = addWeeks(before, -1);
  for (let span = FIRST_SPAN_WEEKS, first = true; ; span = Math.min(span * 2, MAX_SPAN_WEEKS), first = false) {
    if (floor !== null && compareWeeks(end, floor) < 0) return counted;
    let start = addWeeks(end, -(span - 1));
    const clipped = floor !== null && compareWeeks(start, floor) < 0;
    if (clipped) start = floor;
    const length = clipped ? weeksBetween(start, end) + 1 : span;
    const full = !first && (await countCheckInsBetween(db, userIds, start, end)) === length * userIds.length;
    const inStretch = full
      ? length
      : weeksInARowBack(new Set(await listWeeksEveryoneLogged(db, userIds, start, end)), end);
    counted += inStretch;
    // Before the first check-in no stretch is full, so this ends.
    if (inStretch < length || clipped) return counted;
    end = addWeeks(start, -1);
  }
}

function weeksInARowBack(weeks: ReadonlySet<Week>, from: Week): number {
  let count = 0;
  for (let week = from; weeks.has(week); week = addWeeks(week, -1)) count += 1;
  return count;
}
