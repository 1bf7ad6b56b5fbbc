import { buildDashboard, LOOKBACK_WEEKS, rangeBounds } from '../../shared/domain/dashboard';
import { coupleStreak } from '../../shared/domain/series';
import { visibilityFilter } from '../../shared/domain/visibility';
import type { DashboardDto, DashboardRange } from '../../shared/schemas/dashboard.schema';
import { addWeeks, compareWeeks, currentWeek, weeksBetween, type Week } from '../../shared/week';
import { listWeeksWithRatingsFrom, parseRatings } from '../repositories/assessments.repository';
import { listFocuses } from '../repositories/focuses.repository';
import type { Context } from '../trpc/context';
import type { CoupleAccess } from './access.service';

/** Where the streak is followed next when it reaches back past the weeks the charts need: then, all of history. */
export const STREAK_WINDOW_WEEKS = 60;

/** One set-based read for the whole couple (never one per week or per practice), then pure computation. */
export async function readDashboard(ctx: Context, access: CoupleAccess, range: DashboardRange): Promise<DashboardDto> {
  const now = ctx.now();
  const thisWeek = currentWeek(now);
  const memberIds = access.members.map((m) => m.id);

  // 'all' starts at the first logged week, so it reads everything. A fixed range reads what its charts need (from its
  // start, less the look-back); only a streak that reaches back past that is followed further, first to a longer
  // window and then to the whole history, so the usual dashboard costs one short read.
  const ratingsFrom = range === 'all' ? null : addWeeks(rangeBounds(range, thisWeek, null).fromWeek, -LOOKBACK_WEEKS);
  let rows: WeekRow[] = [];
  let loggedWeeks: Set<Week>[] = [];
  for (const weeksFrom of streakWindows(ratingsFrom, thisWeek)) {
    rows = await listWeeksWithRatingsFrom(ctx.db, memberIds, ratingsFrom, weeksFrom);
    loggedWeeks = weeksByMember(rows, memberIds);
    if (weeksFrom === null || coupleStreak(loggedWeeks, thisWeek) < weeksBetween(weeksFrom, thisWeek)) break;
  }

  // The focus history is short (one row per adoption), so it is read whole; the domain clips it to the range.
  const focuses = access.coupleId ? await listFocuses(ctx.db, access.coupleId) : [];

  const withRatings = rows.flatMap((row) => (row.ratings === null ? [] : [{ userId: row.user_id, week: row.week, json: row.ratings }]));
  const visible = withRatings.filter(visibilityFilter(withRatings, memberIds, access.viewerId, now));
  // From what the viewer may see: the start of 'all' must not give away a partner's entry still under wraps.
  const firstWeek = visible[0]?.week ?? null;

  return buildDashboard({
    range,
    thisWeek,
    partners: access.members.map((m) => ({ userId: m.id, displayName: m.displayName })),
    entries: visible.map(({ userId, week, json }) => ({ userId, week, ratings: parseRatings(json) })),
    loggedWeeks,
    // Only 'all' uses it, and 'all' reads every week with its ratings.
    firstWeek: firstWeek && compareWeeks(firstWeek, thisWeek) <= 0 ? firstWeek : null,
    focuses,
  });
}

type WeekRow = Awaited<ReturnType<typeof listWeeksWithRatingsFrom>>[number];

/**
 * The starts of the successive reads: the charts' own weeks, a longer window when it is at least twice as long,
 * then everything (null).
 */
export function streakWindows(ratingsFrom: Week | null, thisWeek: Week): (Week | null)[] {
  if (ratingsFrom === null) return [null];
  const worthASecondWindow = weeksBetween(ratingsFrom, thisWeek) * 2 <= STREAK_WINDOW_WEEKS;
  return worthASecondWindow ? [ratingsFrom, addWeeks(thisWeek, -STREAK_WINDOW_WEEKS), null] : [ratingsFrom, null];
}

function weeksByMember(rows: { user_id: string; week: Week }[], memberIds: string[]): Set<Week>[] {
  const weeks = memberIds.map(() => new Set<Week>());
  for (const row of rows) weeks[memberIds.indexOf(row.user_id)]?.add(row.week);
  return weeks;
}
